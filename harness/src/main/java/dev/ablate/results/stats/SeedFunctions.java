package dev.ablate.results.stats;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Spark SQL aggregate functions for seed groups, e.g.
 * {@code SELECT technique, mean(accuracy), ci95_low(accuracy), ci95_high(accuracy) FROM trials GROUP BY technique}:
 * <ul>
 * <li>{@code ci95_low(x)}, {@code ci95_high(x)}: the 95% Student t interval for the mean of x
 *     ({@link SeedSummary#tInterval});
 * <li>{@code ci95_boot_low(x)}, {@code ci95_boot_high(x)}: the 95% percentile bootstrap interval for the mean
 *     ({@link SeedSummary#bootstrap}, {@value #BOOTSTRAP_RESAMPLES} resamples, seed {@value #BOOTSTRAP_SEED}, so
 *     the same rows give the same interval).
 * </ul>
 * Each takes a numeric column, ignores nulls, and returns a double: null for a group with fewer than two
 * non-null values, NaN if a value is not finite.
 */
public final class SeedFunctions {

    /** Nominal coverage of every interval these functions compute. */
    public static final double CONFIDENCE = 0.95;
    /** Bootstrap samples per interval. */
    public static final int BOOTSTRAP_RESAMPLES = 2000;
    /** Seed of the bootstrap resampling. */
    public static final long BOOTSTRAP_SEED = 0L;

    private SeedFunctions() {
    }

    /** Registers the functions (as temporary functions, replacing any of the same name) in {@code spark}. */
    public static void register(SparkSession spark) {
        register(spark, "ci95_low", new IntervalBound(SeedSummary.Method.T_INTERVAL, false));
        register(spark, "ci95_high", new IntervalBound(SeedSummary.Method.T_INTERVAL, true));
        register(spark, "ci95_boot_low", new IntervalBound(SeedSummary.Method.BOOTSTRAP, false));
        register(spark, "ci95_boot_high", new IntervalBound(SeedSummary.Method.BOOTSTRAP, true));
    }

    private static void register(SparkSession spark, String name, IntervalBound bound) {
        spark.udf().register(name, functions.udaf(bound, Encoders.DOUBLE()));
    }
}
