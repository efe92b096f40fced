package dev.ablate.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver-side Parquet writer and reader: round trips, flushing, atomicity and row retirement. */
class ParquetTablesTest {

    @TempDir
    Path dir;

    private static Row row(String id, String status, Double accuracy) {
        return Row.builder(TrialsTable.SCHEMA)
                .set(TrialsTable.TRIAL_ID, id)
                .set(TrialsTable.STATUS, status)
                .set(TrialsTable.ACCURACY, accuracy)
                .set(TrialsTable.SEED, 7L)
                .set(TrialsTable.W_BITS, 4)
                .set(TrialsTable.STARTED_AT, Instant.parse("2026-11-26T01:02:03.123456Z"))
                .set(TrialsTable.ERROR, "ünïcødé, \"quotes\"")
                .build();
    }

    @Test
    void rowsRoundTripWithTypesAndNulls() {
        List<Row> rows = List.of(row("a", "ok", 0.5), row("b", "failed", null));
        try (ParquetTableWriter w = new ParquetTableWriter(dir, TrialsTable.SCHEMA, "r1", 100, Duration.ofHours(1))) {
            rows.forEach(w::append);
        }
        List<Row> back = ParquetTables.readAll(dir, TrialsTable.SCHEMA);
        assertEquals(rows, back);
        assertNull(back.get(1).get(TrialsTable.ACCURACY));
        assertEquals(Instant.parse("2026-11-26T01:02:03.123456Z"), back.get(0).get(TrialsTable.STARTED_AT));
    }

    @Test
    void flushesEveryNRowsAndWhenTheOldestRowIsDue() throws Exception {
        try (ParquetTableWriter w = new ParquetTableWriter(dir, TrialsTable.SCHEMA, "r1", 2, Duration.ofMillis(50))) {
            w.append(row("a", "ok", 0.1));
            assertEquals(0, ParquetTables.partFiles(dir).size());
            w.append(row("b", "ok", 0.2));
            assertEquals(1, ParquetTables.partFiles(dir).size());
            w.append(row("c", "ok", 0.3));
            Thread.sleep(80);
            w.flushIfDue();
            assertEquals(2, ParquetTables.partFiles(dir).size());
            assertEquals(3, w.rowsWritten());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aReusedRunIdNeverReplacesAPartFile() {
        for (String id : List.of("a", "b")) {
            try (ParquetTableWriter w = new ParquetTableWriter(dir, TrialsTable.SCHEMA, "same", 10, Duration.ofHours(1))) {
                w.append(row(id, "ok", 0.1));
            }
        }
        assertEquals(2, ParquetTables.readAll(dir, TrialsTable.SCHEMA).size());
    }

    @Test
    void hiddenTemporariesAreIgnoredAndRetiredRowsRemoved() throws Exception {
        try (ParquetTableWriter w = new ParquetTableWriter(dir, TrialsTable.SCHEMA, "r1", 2, Duration.ofHours(1))) {
            for (String id : List.of("a", "b", "c", "d")) {
                w.append(row(id, id.equals("b") || id.equals("c") ? "failed" : "ok", 0.5));
            }
        }
        Files.writeString(dir.resolve(".part-crashed.parquet.tmp"), "half a file");
        assertEquals(Set.of("b", "c"), ParquetTables.trialIds(dir, Set.of("failed")));
        int removed = ParquetTables.removeRows(dir, TrialsTable.SCHEMA, r -> r.get(TrialsTable.STATUS).equals("failed"));
        assertEquals(2, removed);
        List<String> left = new ArrayList<>();
        ParquetTables.readAll(dir, TrialsTable.SCHEMA).forEach(r -> left.add(r.get(TrialsTable.TRIAL_ID)));
        assertEquals(List.of("a", "d"), left);
        assertEquals(2, ParquetTables.partFiles(dir).size());
    }

    @Test
    void columnsMissingFromAnOlderFileReadAsNull() {
        TableSchema old = new TableSchema("trials", List.of(TrialsTable.TRIAL_ID, TrialsTable.STATUS));
        try (ParquetTableWriter w = new ParquetTableWriter(dir, old, "old", 10, Duration.ofHours(1))) {
            w.append(Row.builder(old).set(TrialsTable.TRIAL_ID, "x").set(TrialsTable.STATUS, "ok").build());
        }
        Row r = ParquetTables.readAll(dir, TrialsTable.SCHEMA).get(0);
        assertEquals("x", r.get(TrialsTable.TRIAL_ID));
        assertNull(r.get(TrialsTable.ACCURACY));
    }

    @Test
    void schemaViolationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Row.builder(TrialsTable.SCHEMA).set(Column.string("nope"), "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new TableSchema("t", List.of(TrialsTable.TRIAL_ID, TrialsTable.TRIAL_ID)));
        assertEquals(TrialsTable.SCHEMA.columns().size(), TrialsTable.SCHEMA.parquetSchema().getFieldCount());
    }
}
