package dev.ablate.results.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ablate.results.Column;
import dev.ablate.results.CurvesTable;
import dev.ablate.results.LatencyTable;
import dev.ablate.results.LayersTable;
import dev.ablate.results.ParquetTableWriter;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TableSchema;
import dev.ablate.results.TrialsTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Parquet files through a second, independent reader: every column of every results table, written by
 * {@link ParquetTableWriter} (parquet-java) with random values of its type — nulls, NaN and infinities, extreme
 * integers, non-ASCII text, microsecond timestamps — reads back through DuckDB's own Parquet reader with the same
 * value and the kind its type promises; part files of an older, narrower schema read by name beside newer ones.
 */
class DuckDbParquetReadTest {

    @TempDir
    Path results;

    static Stream<TableSchema> tables() {
        return Stream.of(TrialsTable.SCHEMA, CurvesTable.SCHEMA, LayersTable.SCHEMA, LatencyTable.SCHEMA);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void everyColumnReadsBackWithItsValueAndKind(TableSchema schema) {
        SplittableRandom random = new SplittableRandom(schema.name().hashCode());
        List<Row> written = new ArrayList<>();
        try (ParquetTableWriter w = new ParquetTableWriter(new ResultsLayout(results).table("exp", schema), schema, "r1",
                1000, Duration.ofHours(1))) {
            for (int i = 0; i < 50; i++) {
                Row.Builder b = Row.builder(schema);
                for (Column<?> c : schema.columns()) {
                    set(b, c, c.name().equals("experiment") ? "exp" : value(c, i, random));
                }
                Row row = b.build();
                w.append(row);
                written.add(row);
            }
        }
        try (DuckDbEngine engine = DuckDbEngine.open(new ResultsLayout(results))) {
            QueryResult read = engine.query("SELECT * FROM " + schema.name());
            assertEquals(schema.columns().stream().map(Column::name).toList(), read.columns());
            for (int c = 0; c < schema.columns().size(); c++) {
                assertEquals(kind(schema.columns().get(c)), read.kinds().get(c), schema.columns().get(c).name());
            }
            assertEquals(written.size(), read.size());
            for (int r = 0; r < written.size(); r++) {
                for (int c = 0; c < schema.columns().size(); c++) {
                    Object expected = written.get(r).get(c);
                    if (expected instanceof Integer i) {
                        expected = i.longValue(); // every integer reads as a Long
                    }
                    assertEquals(expected, read.rows().get(r).get(c), schema.name() + " row " + r + " column "
                            + schema.columns().get(c).name());
                }
            }
        }
    }

    @Test
    void partFilesOfAnOlderSchemaReadByNameWithNullsForTheNewColumns() {
        // an older harness wrote fewer columns, in another experiment's folder
        TableSchema old = new TableSchema(TrialsTable.SCHEMA.name(), TrialsTable.SCHEMA.columns().subList(0, 8));
        ResultsLayout layout = new ResultsLayout(results);
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("old", old), old, "r0", 10, Duration.ofHours(1))) {
            w.append(Row.builder(old).set(TrialsTable.EXPERIMENT, "old").set(TrialsTable.TRIAL_ID, "o1")
                    .set(TrialsTable.STATUS, "ok").build());
        }
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("new", TrialsTable.SCHEMA), TrialsTable.SCHEMA,
                "r1", 10, Duration.ofHours(1))) {
            w.append(Row.builder(TrialsTable.SCHEMA).set(TrialsTable.EXPERIMENT, "new").set(TrialsTable.TRIAL_ID, "n1")
                    .set(TrialsTable.STATUS, "ok").set(TrialsTable.ACCURACY, 0.9).build());
        }
        try (DuckDbEngine engine = DuckDbEngine.open(layout)) {
            QueryResult r = engine.query("SELECT experiment, trial_id, status, accuracy FROM trials ORDER BY experiment");
            assertEquals(List.of(Arrays.asList("new", "n1", "ok", 0.9),
                    Arrays.asList("old", "o1", "ok", null)), r.rows());
            assertEquals(TrialsTable.SCHEMA.columns().size(), engine.describe("trials").columns().size());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Row.Builder b, Column<T> c, Object value) {
        b.set(c, (T) value);
    }

    private static Object value(Column<?> c, int i, SplittableRandom random) {
        if (i % 7 == 3) {
            return null;
        }
        return switch (c.type()) {
            case STRING -> i % 5 == 0 ? "ünïcödé, \"quoted\" 'text' — " + i : "s" + random.nextInt(1000);
            case INT32 -> i == 1 ? Integer.MIN_VALUE : i == 2 ? Integer.MAX_VALUE : random.nextInt();
            case INT64 -> i == 1 ? Long.MIN_VALUE : i == 2 ? Long.MAX_VALUE : random.nextLong();
            case DOUBLE -> switch (i) {
                case 1 -> Double.NaN;
                case 2 -> Double.POSITIVE_INFINITY;
                case 4 -> -0.0;
                case 5 -> Double.MIN_VALUE;
                default -> random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8));
            };
            case TIMESTAMP -> Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000) * 1000L);
        };
    }

    private static ColumnKind kind(Column<?> c) {
        return switch (c.type()) {
            case STRING -> ColumnKind.STRING;
            case INT32, INT64 -> ColumnKind.INTEGER;
            case DOUBLE -> ColumnKind.REAL;
            case TIMESTAMP -> ColumnKind.TIMESTAMP;
        };
    }
}
