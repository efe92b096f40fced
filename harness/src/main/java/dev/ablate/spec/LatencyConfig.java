package dev.ablate.spec;

import java.util.List;

/**
 * Measured latency and throughput of a trial's final model ({@code eval.latency}): every applicable kernel at
 * every batch size, each timed for {@code reps} repetitions after a warm-up; the median is reported.
 *
 * @param batches         batch sizes to time
 * @param reps            timed repetitions per kernel and batch size
 * @param warmupMillis    warm-up time per kernel and batch size before the repetitions
 * @param minRepMillis    a repetition times as many whole calls as fill at least this long
 * @param sparseThreshold the sparse kernel is timed when at least this fraction of the weights is zero
 */
public record LatencyConfig(List<Integer> batches, int reps, int warmupMillis, int minRepMillis,
                            double sparseThreshold) {

    public LatencyConfig {
        batches = List.copyOf(batches);
        if (batches.isEmpty() || reps < 1 || warmupMillis < 0 || minRepMillis < 1) {
            throw new IllegalArgumentException("latency: batches " + batches + ", reps " + reps + ", warm-up "
                    + warmupMillis + " ms and repetition " + minRepMillis + " ms out of range");
        }
    }
}
