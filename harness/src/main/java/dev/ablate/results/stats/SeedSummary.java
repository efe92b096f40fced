package dev.ablate.results.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean and confidence interval of a metric over replicate trials (typically the seeds of one sweep point).
 * With a single value the mean is that value and the standard deviation and interval are {@code NaN}: one
 * replicate says nothing about the spread.
 *
 * @param n          number of values, at least 1
 * @param mean       sample mean
 * @param std        sample standard deviation (denominator n − 1); {@code NaN} when n = 1
 * @param ciLow      lower end of the interval for the mean; {@code NaN} when n = 1
 * @param ciHigh     upper end of the interval for the mean; {@code NaN} when n = 1
 * @param confidence the interval's nominal coverage, e.g. 0.95
 * @param method     how the interval was computed
 */
public record SeedSummary(int n, double mean, double std, double ciLow, double ciHigh, double confidence,
        Method method) {

    /** How a {@link SeedSummary}'s interval was computed. */
    public enum Method {
        /** Student t interval: mean ± t(1 − α/2, n − 1) · std / √n. */
        T_INTERVAL,
        /** Percentile bootstrap of the mean. */
        BOOTSTRAP
    }

    /**
     * The Student t interval for the mean, which assumes the values are roughly normal.
     *
     * @param values     the replicates, all finite, at least one
     * @param confidence nominal coverage, in (0, 1)
     * @throws IllegalArgumentException if {@code values} is empty or holds a non-finite value, or
     *                                  {@code confidence} is outside (0, 1)
     */
    public static SeedSummary tInterval(double[] values, double confidence) {
        check(values, confidence);
        int n = values.length;
        double mean = mean(values);
        if (n == 1) {
            return single(mean, confidence, Method.T_INTERVAL);
        }
        double std = std(values, mean);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double half = t * std / Math.sqrt(n);
        return new SeedSummary(n, mean, std, mean - half, mean + half, confidence, Method.T_INTERVAL);
    }

    /**
     * The percentile bootstrap interval for the mean: {@code resamples} means of samples drawn with
     * replacement, and their α/2 and 1 − α/2 quantiles (linear interpolation between order statistics, as
     * numpy's default). It assumes nothing about the distribution but undercovers for few replicates. The
     * result depends only on the values (not their order), {@code resamples} and {@code seed}.
     *
     * @param values     the replicates, all finite, at least one
     * @param confidence nominal coverage, in (0, 1)
     * @param resamples  number of bootstrap samples, at least 1
     * @param seed       seeds the resampling
     * @throws IllegalArgumentException if {@code values} is empty or holds a non-finite value,
     *                                  {@code confidence} is outside (0, 1), or {@code resamples} < 1
     */
    public static SeedSummary bootstrap(double[] values, double confidence, int resamples, long seed) {
        check(values, confidence);
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        }
        int n = values.length;
        double mean = mean(values);
        if (n == 1) {
            return single(mean, confidence, Method.BOOTSTRAP);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted); // the draws index into the values: sorting makes the result order-independent
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += sorted[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double alpha = 1 - confidence;
        return new SeedSummary(n, mean, std(values, mean), quantile(means, alpha / 2), quantile(means, 1 - alpha / 2),
                confidence, Method.BOOTSTRAP);
    }

    private static SeedSummary single(double value, double confidence, Method method) {
        return new SeedSummary(1, value, Double.NaN, Double.NaN, Double.NaN, confidence, method);
    }

    private static void check(double[] values, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] must be finite, got " + values[i]);
            }
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** The p-quantile of sorted values, interpolating linearly between order statistics (Hyndman–Fan type 7). */
    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
