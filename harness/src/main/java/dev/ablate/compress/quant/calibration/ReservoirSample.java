package dev.ablate.compress.quant.calibration;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The values of one channel: all of them while they fit in {@code capacity}, and beyond that a uniform
 * reservoir sample of {@code capacity} values (Vitter's algorithm R) drawn from a seeded generator, so the
 * same stream always keeps the same values.
 */
final class ReservoirSample {

    private final int capacity;
    private final SplittableRandom random;
    private float[] values = new float[16];
    private int size;
    private long seen;

    ReservoirSample(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sample capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    /** Adds {@code x[from..to)}. */
    void add(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (size < capacity) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(capacity, 2L * size));
                }
                values[size++] = x[i];
            } else {
                long j = random.nextLong(seen + 1);
                if (j < capacity) {
                    values[(int) j] = x[i];
                }
            }
            seen++;
        }
    }

    /** A copy of the kept values. */
    float[] values() {
        return Arrays.copyOf(values, size);
    }

    /** Number of values kept, at most the capacity. */
    int size() {
        return size;
    }

    /** Number of values added. */
    long seen() {
        return seen;
    }
}
