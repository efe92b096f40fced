package dev.ablate.compress.quant.format;

import java.util.Arrays;

/**
 * A fitted scalar codebook: sorted centroids, each value being represented by its nearest centroid (ties to
 * the smaller one).
 *
 * @param centroids  ascending centroid values (possibly fewer than the format's {@code k} when the data has fewer
 *                   distinct values; empty when there was nothing to cluster)
 * @param iterations Lloyd updates performed (0 when the data was already representable)
 * @param converged  whether the assignments stopped changing before the iteration cap
 */
public record Codebook(float[] centroids, int iterations, boolean converged) {

    /** Copies the centroids and checks they are ascending. */
    public Codebook {
        centroids = centroids.clone();
        for (int j = 1; j < centroids.length; j++) {
            if (!(centroids[j - 1] <= centroids[j])) {
                throw new IllegalArgumentException("centroids must be ascending, got " + Arrays.toString(centroids));
            }
        }
    }

    /**
     * Deep Compression's linear initialisation: {@code k} centroids evenly spaced over {@code [min, max]}
     * (Han et al. 2016, §3.2: it keeps the rare large weights represented, unlike density-based inits).
     *
     * @throws IllegalArgumentException if {@code k < 2} or {@code min > max}
     */
    public static Codebook linear(float min, float max, int k) {
        if (k < 2 || !(min <= max)) {
            throw new IllegalArgumentException("linear codebook needs k >= 2 and min <= max, got k=" + k
                    + " over [" + min + ", " + max + "]");
        }
        float[] c = new float[k];
        for (int j = 0; j < k; j++) {
            c[j] = (float) (min + (double) j * ((double) max - min) / (k - 1));
        }
        return new Codebook(c, 0, true);
    }

    @Override
    public float[] centroids() {
        return centroids.clone();
    }

    /**
     * The centroid nearest to {@code v} (the smaller one on a tie).
     *
     * @throws IllegalStateException if the codebook is empty
     */
    public float nearest(float v) {
        if (centroids.length == 0) {
            throw new IllegalStateException("empty codebook has no nearest centroid");
        }
        int j = Arrays.binarySearch(centroids, v);
        if (j >= 0) {
            return centroids[j];
        }
        int above = -j - 1;
        if (above == 0) {
            return centroids[0];
        }
        if (above == centroids.length) {
            return centroids[centroids.length - 1];
        }
        float lo = centroids[above - 1];
        float hi = centroids[above];
        return (double) v - lo <= (double) hi - v ? lo : hi;
    }

    /** Smallest gap between neighbouring distinct centroids, {@code NaN} with fewer than two. */
    public float minSpacing() {
        float min = Float.NaN;
        for (int j = 1; j < centroids.length; j++) {
            float gap = centroids[j] - centroids[j - 1];
            if (gap > 0 && !(gap >= min)) {
                min = gap;
            }
        }
        return min;
    }

    /** Largest gap between neighbouring centroids, {@code NaN} with fewer than two distinct ones. */
    public float maxSpacing() {
        float max = Float.NaN;
        for (int j = 1; j < centroids.length; j++) {
            float gap = centroids[j] - centroids[j - 1];
            if (gap > 0 && !(gap <= max)) {
                max = gap;
            }
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Codebook c && Arrays.equals(centroids, c.centroids) && iterations == c.iterations
                && converged == c.converged;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(centroids) + iterations) + Boolean.hashCode(converged);
    }

    @Override
    public String toString() {
        return "Codebook[centroids=" + Arrays.toString(centroids) + ", iterations=" + iterations
                + ", converged=" + converged + "]";
    }
}
