package dev.ablate.data;

import java.util.SplittableRandom;

/**
 * Seeded permutations, the one shuffle behind every split in this package (CSV train/test, validation
 * hold-out), so a split depends only on its seed and size.
 */
public final class Permutation {

    private Permutation() {
    }

    /**
     * A Fisher–Yates permutation of {@code 0..n-1} driven by a {@link SplittableRandom} seeded with
     * {@code seed}; the same {@code (n, seed)} always gives the same permutation.
     *
     * @param n    number of elements, {@code >= 0}
     * @param seed generator seed
     * @return a new array holding each of {@code 0..n-1} once
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static int[] of(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
