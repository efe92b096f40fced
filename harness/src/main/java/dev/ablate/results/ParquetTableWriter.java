package dev.ablate.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver-side writer of one results table: it buffers rows and flushes them as a new
 * Parquet part file — written under a hidden temporary name, then atomically renamed — whenever
 * {@code maxRows} rows are buffered or the oldest buffered row is {@code maxDelay} old. A crash therefore
 * loses at most the buffered rows, never a half-written file. One writer per table and run; not thread-safe.
 */
public final class ParquetTableWriter implements AutoCloseable {

    private final Path dir;
    private final TableSchema schema;
    private final String runId;
    private final int maxRows;
    private final long maxDelayNanos;
    private final List<Row> buffer = new ArrayList<>();
    private long oldestBufferedAt;
    private int filesWritten;
    private int sequence;
    private long rowsWritten;

    /**
     * @param dir      the table's folder (created on first flush)
     * @param runId    names this run's part files, so runs never overwrite each other
     * @param maxRows  flush after this many rows
     * @param maxDelay flush when the oldest buffered row is this old (checked on {@link #append} and {@link #flushIfDue})
     */
    public ParquetTableWriter(Path dir, TableSchema schema, String runId, int maxRows, Duration maxDelay) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        }
        this.dir = dir;
        this.schema = schema;
        this.runId = runId;
        this.maxRows = maxRows;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** Buffers {@code row}, flushing if the buffer is due. */
    public void append(Row row) {
        if (!row.schema().equals(schema)) {
            throw new IllegalArgumentException("row of table " + row.schema().name() + " given to writer of " + schema.name());
        }
        if (buffer.isEmpty()) {
            oldestBufferedAt = System.nanoTime();
        }
        buffer.add(row);
        flushIfDue();
    }

    /** Flushes if the buffer is full or old enough; call it periodically while waiting for rows. */
    public void flushIfDue() {
        if (buffer.size() >= maxRows || (!buffer.isEmpty() && System.nanoTime() - oldestBufferedAt >= maxDelayNanos)) {
            flush();
        }
    }

    /** Writes every buffered row to a new part file now. */
    public void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        // never replace a part file, even if a run id were reused: skip names already taken
        String name;
        do {
            name = String.format("part-%s-%05d.parquet", runId, sequence++);
        } while (Files.exists(dir.resolve(name)));
        ParquetTables.writeAtomically(dir, name, schema, buffer);
        filesWritten++;
        rowsWritten += buffer.size();
        buffer.clear();
    }

    /** Part files written so far. */
    public int filesWritten() {
        return filesWritten;
    }

    /** Rows written to part files so far (buffered rows not included). */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Flushes what is buffered. */
    @Override
    public void close() {
        flush();
    }
}
