package dev.ablate.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.ParquetTableWriter;
import dev.ablate.results.ResultsCatalog;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed-interval SQL functions, through the real catalog over a trials table written as Parquet. */
class SeedFunctionsTest {

    @TempDir
    static Path results;

    private static SparkSession spark;

    @BeforeAll
    static void catalog() {
        ResultsLayout layout = new ResultsLayout(results);
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("stats", TrialsTable.SCHEMA), TrialsTable.SCHEMA,
                "r1", 100, Duration.ofHours(1))) {
            w.append(trial("a0", "qat", 0.88, 4));
            w.append(trial("a1", "qat", 0.90, 4));
            w.append(trial("a2", "qat", 0.89, 8));
            w.append(trial("a3", "qat", null, 8)); // ignored, as avg() ignores it
            w.append(trial("b0", "ptq", 0.50, 4));
            w.append(trial("c0", "prune", null, null));
        }
        spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 2).getOrCreate();
        assertEquals(List.of("trials"), ResultsCatalog.register(spark, layout));
    }

    private static Row trial(String id, String technique, Double accuracy, Integer bits) {
        return Row.builder(TrialsTable.SCHEMA).set(TrialsTable.EXPERIMENT, "stats").set(TrialsTable.TRIAL_ID, id)
                .set(TrialsTable.STATUS, "ok").set(TrialsTable.TECHNIQUE, technique)
                .set(TrialsTable.ACCURACY, accuracy).set(TrialsTable.W_BITS, bits).build();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<org.apache.spark.sql.Row> query(String sql) {
        return spark.sql(sql).collectAsList();
    }

    @Test
    void intervalsPerGroupIgnoringNulls() {
        List<org.apache.spark.sql.Row> rows = query("SELECT technique, mean(accuracy), ci95_low(accuracy), "
                + "ci95_high(accuracy), ci95_boot_low(accuracy), ci95_boot_high(accuracy) FROM trials "
                + "GROUP BY technique ORDER BY technique");
        org.apache.spark.sql.Row qat = rows.get(2);
        assertEquals("qat", qat.getString(0));
        assertEquals(0.89, qat.getDouble(1), 1e-12);
        assertEquals(0.89 - 0.024841, qat.getDouble(2), 1e-6);
        assertEquals(0.89 + 0.024841, qat.getDouble(3), 1e-6);
        SeedSummary boot = SeedSummary.bootstrap(new double[] {0.88, 0.89, 0.90}, SeedFunctions.CONFIDENCE,
                SeedFunctions.BOOTSTRAP_RESAMPLES, SeedFunctions.BOOTSTRAP_SEED);
        assertEquals(boot.ciLow(), qat.getDouble(4));
        assertEquals(boot.ciHigh(), qat.getDouble(5));
        for (org.apache.spark.sql.Row fewer : rows.subList(0, 2)) { // prune: no value; ptq: one value
            for (int i = 2; i < 6; i++) {
                assertNull(fewer.get(i), fewer.toString());
            }
        }
    }

    @Test
    void integerColumnsAreWidenedAndAnEmptyTableGivesNull() {
        org.apache.spark.sql.Row bits = query("SELECT ci95_low(w_bits), ci95_high(w_bits) FROM trials").get(0);
        SeedSummary t = SeedSummary.tInterval(new double[] {4, 4, 8, 8, 4}, 0.95);
        assertEquals(t.ciLow(), bits.getDouble(0), 1e-12);
        assertEquals(t.ciHigh(), bits.getDouble(1), 1e-12);
        assertTrue(query("SELECT ci95_boot_high(accuracy) FROM trials WHERE false").get(0).isNullAt(0));
    }

    @Test
    void aNonFiniteValueGivesNaNAsAvgDoes() {
        org.apache.spark.sql.Row r = query("SELECT avg(x), ci95_low(x), ci95_boot_high(x) "
                + "FROM VALUES (1.0D), (double('NaN')), (2.0D) AS v(x)").get(0);
        assertTrue(Double.isNaN(r.getDouble(0)) && Double.isNaN(r.getDouble(1)) && Double.isNaN(r.getDouble(2)),
                r.toString());
    }
}
