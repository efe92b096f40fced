package dev.ablate.results.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * The SQL aggregate functions for seed groups, defined once for every query engine (DuckDB and Spark register
 * these): each takes a numeric column, ignores nulls (as {@code avg} does) and returns a double, null for a group
 * with fewer than two non-null values and NaN when a value is not finite (as {@code avg} gives NaN or infinity).
 * Values are sorted before they are summarised, so the answer does not depend on row order or partitioning.
 */
public enum SeedFunction {
    /** Lower end of the 95% Student t interval for the mean ({@link SeedSummary#tInterval}). */
    CI95_LOW(SeedSummary.Method.T_INTERVAL, false),
    /** Upper end of the 95% Student t interval for the mean. */
    CI95_HIGH(SeedSummary.Method.T_INTERVAL, true),
    /** Lower end of the 95% percentile bootstrap interval for the mean ({@link SeedSummary#bootstrap}). */
    CI95_BOOT_LOW(SeedSummary.Method.BOOTSTRAP, false),
    /** Upper end of the 95% percentile bootstrap interval for the mean. */
    CI95_BOOT_HIGH(SeedSummary.Method.BOOTSTRAP, true);

    /** Nominal coverage of every interval these functions compute. */
    public static final double CONFIDENCE = 0.95;
    /** Bootstrap samples per interval. */
    public static final int BOOTSTRAP_RESAMPLES = 2000;
    /** Seed of the bootstrap resampling, so the same rows give the same interval. */
    public static final long BOOTSTRAP_SEED = 0L;

    private final SeedSummary.Method method;
    private final boolean upper;

    SeedFunction(SeedSummary.Method method, boolean upper) {
        this.method = method;
        this.upper = upper;
    }

    /** The function's name in SQL, e.g. {@code ci95_boot_low}. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The function's value for a group's non-null values (in any order; not modified).
     *
     * @return null for fewer than two values, NaN if a value is not finite, else the interval's end
     */
    public Double apply(double[] values) {
        if (values.length < 2) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            return Double.NaN; // NaN sorts last, infinities at the ends
        }
        SeedSummary summary = switch (method) {
            case T_INTERVAL -> SeedSummary.tInterval(sorted, CONFIDENCE);
            case BOOTSTRAP -> SeedSummary.bootstrap(sorted, CONFIDENCE, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
        };
        return upper ? summary.ciHigh() : summary.ciLow();
    }
}
