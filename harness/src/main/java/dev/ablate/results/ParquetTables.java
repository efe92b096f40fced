package dev.ablate.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import java.nio.file.StandardCopyOption;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;

/**
 * Reading and maintaining the part files of a results table on the driver, without Spark: used to resume
 * a sweep (which trials are already in the table) and to retire rows that a retry replaces. Part files are
 * the visible {@code *.parquet} files of the table folder; hidden temporaries are ignored, as Spark does.
 */
public final class ParquetTables {

    private ParquetTables() {
    }

    /** The table's part files, sorted by name (empty if the folder does not exist). */
    public static List<Path> partFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Every row of the table; columns a file lacks (older schema) read as null. */
    public static List<Row> readAll(Path dir, TableSchema schema) {
        List<Row> rows = new ArrayList<>();
        for (Path file : partFiles(dir)) {
            rows.addAll(read(file, schema));
        }
        return rows;
    }

    /** The rows of one part file. */
    public static List<Row> read(Path file, TableSchema schema) {
        List<Row> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file)).build()) {
            Group g;
            while ((g = reader.read()) != null) {
                rows.add(fromGroup(g, schema));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Removes the rows matching {@code drop} from the table, rewriting each affected part file through a
     * temporary file and an atomic rename (a part left empty is deleted).
     *
     * @return number of rows removed
     */
    public static int removeRows(Path dir, TableSchema schema, Predicate<Row> drop) {
        int removed = 0;
        for (Path file : partFiles(dir)) {
            List<Row> rows = read(file, schema);
            List<Row> kept = rows.stream().filter(drop.negate()).toList();
            if (kept.size() == rows.size()) {
                continue;
            }
            removed += rows.size() - kept.size();
            if (kept.isEmpty()) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + file, e);
                }
            } else {
                writeAtomically(dir, file.getFileName().toString(), schema, kept);
            }
        }
        return removed;
    }

    /** Writes {@code rows} to {@code dir/name} through a hidden temporary file and an atomic rename. */
    static void writeAtomically(Path dir, String name, TableSchema schema, List<Row> rows) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.deleteIfExists(tmp);
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
                    .withType(schema.parquetSchema())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (Row r : rows) {
                    w.write(toGroup(r));
                }
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    static Group toGroup(Row row) {
        GroupType type = row.schema().parquetSchema();
        SimpleGroup g = new SimpleGroup(type);
        List<Column<?>> columns = row.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            Object v = row.get(i);
            if (v == null) {
                continue;
            }
            String name = columns.get(i).name();
            switch (columns.get(i).type()) {
                case STRING -> g.add(name, (String) v);
                case INT32 -> g.add(name, (Integer) v);
                case INT64 -> g.add(name, (Long) v);
                case DOUBLE -> g.add(name, (Double) v);
                case TIMESTAMP -> g.add(name, micros((Instant) v));
            }
        }
        return g;
    }

    private static Row fromGroup(Group g, TableSchema schema) {
        Row.Builder b = Row.builder(schema);
        GroupType type = g.getType();
        for (Column<?> c : schema.columns()) {
            if (!type.containsField(c.name()) || g.getFieldRepetitionCount(c.name()) == 0) {
                continue;
            }
            set(b, c, g);
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static void set(Row.Builder b, Column<?> c, Group g) {
        String n = c.name();
        switch (c.type()) {
            case STRING -> b.set((Column<String>) c, g.getString(n, 0));
            case INT32 -> b.set((Column<Integer>) c, g.getInteger(n, 0));
            case INT64 -> b.set((Column<Long>) c, g.getLong(n, 0));
            case DOUBLE -> b.set((Column<Double>) c, g.getDouble(n, 0));
            case TIMESTAMP -> {
                long micros = g.getLong(n, 0);
                b.set((Column<Instant>) c, Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000L));
            }
        }
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000L);
    }

    /** Group reader over a local file, without Hadoop paths. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    /** Trial ids present in the trials table with one of {@code statuses}. */
    public static Set<String> trialIds(Path trialsDir, Set<String> statuses) {
        Set<String> ids = new HashSet<>();
        for (Row r : readAll(trialsDir, TrialsTable.SCHEMA)) {
            if (statuses.contains(r.get(TrialsTable.STATUS))) {
                ids.add(r.get(TrialsTable.TRIAL_ID));
            }
        }
        return ids;
    }
}
