package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.TensorFormat;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@code codebook} format of Deep Compression (Han et al. 2016, §3): per tensor (per layer), 1-D k-means
 * with {@code k = 2^bits} shared values, stored as {@code bits}-wide indices plus {@code k} float32 centroids.
 *
 * <p>As in the paper, weights that are exactly zero (pruned) are not clustered and stay zero; only the nonzero
 * weights are. The centroids start linearly spaced between their minimum and maximum ({@link Codebook#linear})
 * and Lloyd iterations run until the assignments stop changing, at most {@link #MAX_ITERATIONS} times. If the
 * nonzero weights have at most {@code k} distinct values, those values are the codebook (zero error, so the
 * format is idempotent). The fit is deterministic: values are sorted once, each cluster is a contiguous run of
 * the sorted values between the midpoints of neighbouring centroids, and its mean comes from prefix sums, so an
 * iteration costs {@code O(k log n)}. An empty cluster keeps its centroid.
 *
 * <p>Report: {@code elementBits = bits}, {@code overheadBits = 32k}, scales = smallest and largest spacing of
 * neighbouring centroids; nothing is clipped and the STE passes every gradient.
 *
 * @param bits index width, 1 to 16
 */
public record CodebookFormat(int bits) implements TensorFormat {

    /** Cap on Lloyd iterations. */
    public static final int MAX_ITERATIONS = 100;

    /**
     * Checks the width.
     *
     * @throws IllegalArgumentException if {@code bits} is outside [1, 16]
     */
    public CodebookFormat {
        if (bits < 1 || bits > QuantScheme.MAX_BITS) {
            throw new IllegalArgumentException("codebook: bits must be in [1, " + QuantScheme.MAX_BITS + "], got "
                    + bits);
        }
    }

    @Override
    public String name() {
        return "codebook";
    }

    /** Number of centroids, {@code 2^bits}. */
    public int k() {
        return 1 << bits;
    }

    /** {@inheritDoc} Deterministic: {@code rng} is unused and may be {@code null}. */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        TensorLayout.of(name(), x, shape, out, steMask);
        Codebook codebook = fit(x);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] == 0 ? x[i] : codebook.nearest(x[i]);
        }
        if (steMask != null) {
            Arrays.fill(steMask, (byte) 1);
        }
        return new QuantizationReport(bits, 32L * k(), 0, codebook.minSpacing(), codebook.maxSpacing(), null);
    }

    /**
     * Fits the codebook to the nonzero values of {@code x}.
     *
     * @throws IllegalArgumentException if {@code x} holds NaN or ±Inf
     */
    public Codebook fit(float[] x) {
        double[] v = sortedNonzero(x);
        int n = v.length;
        double[] distinct = distinctValues(v, k());
        if (distinct != null) {
            return new Codebook(toFloats(distinct), 0, true);
        }
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + v[i];
        }
        double[] c = toDoubles(Codebook.linear((float) v[0], (float) v[n - 1], k()).centroids());
        int[] starts = new int[k() + 1];
        int[] previous = new int[k() + 1];
        int iterations = 0;
        boolean converged = false;
        while (iterations < MAX_ITERATIONS) {
            assign(v, c, starts);
            if (iterations > 0 && Arrays.equals(starts, previous)) {
                converged = true;
                break;
            }
            for (int j = 0; j < c.length; j++) {
                int from = starts[j];
                int to = starts[j + 1];
                if (to > from) {
                    c[j] = (prefix[to] - prefix[from]) / (to - from);
                }
            }
            // an empty cluster's kept centroid may fall out of order; assignment only needs the sorted set
            Arrays.sort(c);
            System.arraycopy(starts, 0, previous, 0, starts.length);
            iterations++;
        }
        return new Codebook(toFloats(c), iterations, converged);
    }

    /** Cluster {@code j} is {@code v[starts[j] .. starts[j+1])}: the values nearest to centroid {@code j}. */
    private static void assign(double[] v, double[] c, int[] starts) {
        starts[0] = 0;
        starts[c.length] = v.length;
        for (int j = 1; j < c.length; j++) {
            starts[j] = firstAbove(v, (c[j - 1] + c[j]) / 2, starts[j - 1]);
        }
    }

    /** The first index at or after {@code from} whose value exceeds {@code bound} (ties go to the lower cluster). */
    private static int firstAbove(double[] v, double bound, int from) {
        int lo = from;
        int hi = v.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] <= bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] sortedNonzero(float[] x) {
        double[] v = new double[x.length];
        int n = 0;
        for (float f : x) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("codebook: cannot cluster non-finite value " + f);
            }
            if (f != 0) {
                v[n++] = f;
            }
        }
        double[] nonzero = Arrays.copyOf(v, n);
        Arrays.sort(nonzero);
        return nonzero;
    }

    /** The distinct values of sorted {@code v} if there are at most {@code k} of them, else {@code null}. */
    private static double[] distinctValues(double[] v, int k) {
        double[] distinct = new double[k];
        int count = 0;
        for (int i = 0; i < v.length; i++) {
            if (i == 0 || v[i] != v[i - 1]) {
                if (count == k) {
                    return null;
                }
                distinct[count++] = v[i];
            }
        }
        return Arrays.copyOf(distinct, count);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
