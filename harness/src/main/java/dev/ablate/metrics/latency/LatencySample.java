package dev.ablate.metrics.latency;

import java.util.List;
import java.util.Objects;

/**
 * Measured latency of one kernel at one batch size: milliseconds per call of {@code batch} examples over
 * {@code reps} timed repetitions, summarised by the median (robust to a repetition slowed by another tenant) with
 * min and max for the spread.
 *
 * @param kernel     {@link InferenceKernel#name()}
 * @param batch      examples per call, at least 1
 * @param medianMs   median over the repetitions of milliseconds per call
 * @param minMs      fastest repetition
 * @param maxMs      slowest repetition
 * @param reps       timed repetitions, at least 1
 * @param throughput examples per second at the median: {@code batch / (medianMs / 1000)}
 */
public record LatencySample(String kernel, int batch, double medianMs, double minMs, double maxMs, int reps,
                            double throughput) {

    /**
     * @throws IllegalArgumentException if a count is below 1 or the times are not positive and ordered
     *                                  {@code min <= median <= max}
     */
    public LatencySample {
        Objects.requireNonNull(kernel, "kernel");
        if (batch < 1 || reps < 1) {
            throw new IllegalArgumentException(kernel + ": batch=" + batch + " and reps=" + reps
                    + " must be at least 1");
        }
        if (!(minMs > 0 && minMs <= medianMs && medianMs <= maxMs && Double.isFinite(maxMs))) {
            throw new IllegalArgumentException(kernel + ": times must be positive, finite and ordered, got min="
                    + minMs + " median=" + medianMs + " max=" + maxMs + " ms");
        }
    }

    /**
     * The sample of a set of repetitions.
     *
     * @param millisPerCall milliseconds per call in each repetition; the median of an even count is the mean of
     *                      the middle two
     * @throws IllegalArgumentException if there is no repetition, a time is not positive and finite, or
     *                                  {@code batch < 1}
     */
    public static LatencySample of(String kernel, int batch, List<Double> millisPerCall) {
        double[] sorted = millisPerCall.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException(kernel + ": at least one repetition is needed");
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new LatencySample(kernel, batch, median, sorted[0], sorted[n - 1], n, batch * 1000.0 / median);
    }
}
