package dev.ablate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The values of one measurement's timed repetitions (after warm-up), in the order they were taken, summarised by
 * {@link #median()} (the number reports use: robust to a repetition slowed by another tenant) with {@link #min()} and
 * {@link #max()} to show the spread.
 *
 * @param values at least one finite value
 */
public record Repetitions(List<Double> values) {

    /**
     * @throws IllegalArgumentException if {@code values} is empty or holds a NaN or infinite value
     */
    public Repetitions {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values: at least one repetition is needed");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("values: repetition value " + v + " is not finite, in " + values);
            }
        }
    }

    /** Number of repetitions. */
    public int count() {
        return values.size();
    }

    /** Smallest value. */
    public double min() {
        return Collections.min(values);
    }

    /** Largest value. */
    public double max() {
        return Collections.max(values);
    }

    /** The middle value; the mean of the two middle values for an even count. */
    public double median() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
