package dev.ablate.results.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.ParquetTableWriter;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.results.stats.SeedFunction;
import dev.ablate.results.stats.SeedSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed-interval SQL aggregates, through both engines over a trials table written as Parquet: per group, nulls
 * ignored, fewer than two values null, a non-finite value NaN, and the same numbers as {@link SeedSummary}.
 */
class SeedAggregatesTest {

    @TempDir
    static Path results;

    private static DuckDbEngine duckdb;
    private static SparkEngine spark;

    /** Random accuracies of 5 seeds in each of 40 groups, to compare with {@link SeedSummary} value by value. */
    private static final double[][] GROUPS = new double[40][5];

    @BeforeAll
    static void open() {
        ResultsLayout layout = new ResultsLayout(results);
        SplittableRandom random = new SplittableRandom(7);
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("stats", TrialsTable.SCHEMA), TrialsTable.SCHEMA,
                "r1", 1000, Duration.ofHours(1))) {
            w.append(trial("stats", "a0", "qat", 0.88, 4));
            w.append(trial("stats", "a1", "qat", 0.90, 4));
            w.append(trial("stats", "a2", "qat", 0.89, 8));
            w.append(trial("stats", "a3", "qat", null, 8)); // ignored, as avg() ignores it
            w.append(trial("stats", "b0", "ptq", 0.50, 4));
            w.append(trial("stats", "c0", "prune", null, null));
            for (int g = 0; g < GROUPS.length; g++) {
                for (int s = 0; s < GROUPS[g].length; s++) {
                    GROUPS[g][s] = random.nextDouble();
                    w.append(trial("random", "g" + g + "s" + s, "p" + g, GROUPS[g][s], null));
                }
            }
        }
        duckdb = DuckDbEngine.open(layout);
        spark = new SparkEngine(SparkSession.builder().master("local[1]").config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 2).getOrCreate(), layout);
        assertEquals(List.of("trials"), duckdb.views());
        assertEquals(List.of("trials"), spark.views());
    }

    private static Row trial(String experiment, String id, String technique, Double accuracy, Integer bits) {
        return Row.builder(TrialsTable.SCHEMA).set(TrialsTable.EXPERIMENT, experiment).set(TrialsTable.TRIAL_ID, id)
                .set(TrialsTable.STATUS, "ok").set(TrialsTable.TECHNIQUE, technique)
                .set(TrialsTable.ACCURACY, accuracy).set(TrialsTable.W_BITS, bits).build();
    }

    @AfterAll
    static void close() {
        duckdb.close();
        spark.close();
    }

    /** The engine a test runs on, by name: JUnit would close an AutoCloseable argument after each test. */
    private static ResultsEngine engine(String name) {
        return name.equals("duckdb") ? duckdb : spark;
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "spark"})
    void intervalsPerGroupIgnoringNulls(String name) {
        ResultsEngine engine = engine(name);
        QueryResult r = engine.query("SELECT technique, mean(accuracy), ci95_low(accuracy), ci95_high(accuracy), "
                + "ci95_boot_low(accuracy), ci95_boot_high(accuracy) FROM trials WHERE experiment = 'stats' "
                + "GROUP BY technique ORDER BY technique");
        List<Object> qat = r.rows().get(2);
        assertEquals("qat", qat.get(0));
        assertEquals(0.89, (Double) qat.get(1), 1e-12);
        assertEquals(0.89 - 0.024841, (Double) qat.get(2), 1e-6);
        assertEquals(0.89 + 0.024841, (Double) qat.get(3), 1e-6);
        SeedSummary boot = SeedSummary.bootstrap(new double[] {0.88, 0.89, 0.90}, SeedFunction.CONFIDENCE,
                SeedFunction.BOOTSTRAP_RESAMPLES, SeedFunction.BOOTSTRAP_SEED);
        assertEquals(boot.ciLow(), qat.get(4));
        assertEquals(boot.ciHigh(), qat.get(5));
        for (List<Object> fewer : r.rows().subList(0, 2)) { // prune: no value; ptq: one value
            for (int i = 2; i < 6; i++) {
                assertNull(fewer.get(i), fewer.toString());
            }
        }
        assertEquals(List.of(ColumnKind.STRING, ColumnKind.REAL, ColumnKind.REAL, ColumnKind.REAL, ColumnKind.REAL,
                ColumnKind.REAL), r.kinds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "spark"})
    void theSameNumbersAsSeedSummary(String name) {
        ResultsEngine engine = engine(name);
        QueryResult r = engine.query("SELECT technique, ci95_low(accuracy) AS lo, ci95_high(accuracy) AS hi, "
                + "ci95_boot_low(accuracy) AS blo, ci95_boot_high(accuracy) AS bhi FROM trials "
                + "WHERE experiment = 'random' GROUP BY technique");
        assertEquals(GROUPS.length, r.size());
        for (int i = 0; i < r.size(); i++) {
            double[] values = GROUPS[Integer.parseInt(r.text(i, "technique").substring(1))];
            SeedSummary t = SeedSummary.tInterval(values, SeedFunction.CONFIDENCE);
            SeedSummary b = SeedSummary.bootstrap(values, SeedFunction.CONFIDENCE, SeedFunction.BOOTSTRAP_RESAMPLES,
                    SeedFunction.BOOTSTRAP_SEED);
            // the t interval sums the values in sorted order, SeedSummary in the given order: a few ulps apart
            assertEquals(t.ciLow(), r.number(i, "lo"), 1e-15);
            assertEquals(t.ciHigh(), r.number(i, "hi"), 1e-15);
            assertEquals(b.ciLow(), r.number(i, "blo"), 1e-15);
            assertEquals(b.ciHigh(), r.number(i, "bhi"), 1e-15);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "spark"})
    void integerColumnsAreWidenedAndAnEmptyTableGivesNull(String name) {
        ResultsEngine engine = engine(name);
        QueryResult bits = engine.query("SELECT ci95_low(w_bits) AS lo, ci95_high(w_bits) AS hi FROM trials");
        SeedSummary t = SeedSummary.tInterval(new double[] {4, 4, 8, 8, 4}, 0.95);
        assertEquals(t.ciLow(), bits.number(0, "lo"), 1e-12);
        assertEquals(t.ciHigh(), bits.number(0, "hi"), 1e-12);
        assertNull(engine.query("SELECT ci95_boot_high(accuracy) AS b FROM trials WHERE false").value(0, "b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "spark"})
    void aNonFiniteValueGivesNaNAsAvgDoes(String name) {
        ResultsEngine engine = engine(name);
        QueryResult r = engine.query("SELECT avg(x) AS a, ci95_low(x) AS t, ci95_boot_high(x) AS b FROM (VALUES "
                + "(CAST(1.0 AS DOUBLE)), (CAST('NaN' AS DOUBLE)), (CAST(2.0 AS DOUBLE))) AS v(x)");
        assertTrue(Double.isNaN(r.number(0, "a")) && Double.isNaN(r.number(0, "t")) && Double.isNaN(r.number(0, "b")),
                r.toString());
        QueryResult inf = engine.query("SELECT ci95_high(x) AS t FROM (VALUES (CAST(1.0 AS DOUBLE)), "
                + "(CAST('Infinity' AS DOUBLE))) AS v(x)");
        assertTrue(Double.isNaN(inf.number(0, "t")), inf.toString());
    }
}
