package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QuantScheme;

import java.util.Arrays;
import java.util.List;

/**
 * A port of torch.ao's {@code HistogramObserver} (PyTorch 1.13), per tensor: a histogram of {@value #BINS}
 * equal-width bins over the observed {@code [min, max]}, and the greedy approximate-L2 search of
 * {@code _non_linear_param_search} (Caffe2's {@code NormMinimization::NonlinearQuantizationParamsSearch}) that
 * trims bins from whichever end holds less mass while the quantization error onto {@value #DST_BINS} levels
 * does not grow. The chosen {@code [new_min, new_max]} goes through the MinMax formula. As in torch 1.13 the
 * search uses 256 levels whatever the bit width, so only the final scale depends on the bits.
 *
 * <p>Later batches that widen the range are combined as torch's {@code _adjust_min_max} and
 * {@code _combine_histograms} do with {@code upsample_rate = 128}: the old bins are spread uniformly over 128
 * fine cells each, the new range is widened at the top so that a new bin is a whole number of fine cells, and
 * the fine cells are summed into the new bins. The overlaps are computed directly rather than by
 * materializing the {@code bins * downsample_rate} fine cells, so memory is the {@value #BINS} bins whatever
 * the range growth.
 *
 * <p>Deliberate differences from torch 1.13: the histogram covers the real {@code [min, max]} (torch passes
 * {@code int(min)}, {@code int(max)} to {@code histc}, which drops or lumps values outside (-1, 1)), and when
 * every observed value is equal the range is {@code [min, max]} itself with no search. The search runs in
 * float64 (torch compares float32 sums), which can stop a step earlier or later. Not thread-safe.
 */
public final class HistogramObserver extends GridObserver {

    /** Histogram bins (torch's default {@code bins}). */
    public static final int BINS = 2048;
    /** Levels the search quantizes onto (torch 1.13: {@code 2^8}, from the 8-bit dtype). */
    public static final int DST_BINS = 256;
    /** Fine cells per old bin when histograms over different ranges are combined. */
    public static final int UPSAMPLE_RATE = 128;
    private static final double STEP = 1e-5;

    private final double[] histogram = new double[BINS];
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;

    /**
     * The outcome of the search.
     *
     * @param startBin first histogram bin kept
     * @param endBin   last histogram bin kept
     * @param newMin   {@code min + w * startBin}, float32, with {@code w} the bin width
     * @param newMax   {@code min + w * (endBin + 1)}, float32
     */
    public record Search(int startBin, int endBin, float newMin, float newMax) {
    }

    /**
     * @param scheme the quantization scheme
     * @param bits   bit width, valid for {@code scheme}
     * @throws IllegalArgumentException if {@code bits} is not valid for {@code scheme}
     */
    public HistogramObserver(QuantScheme scheme, int bits) {
        super(scheme, bits);
    }

    /** Adds a non-empty tensor to the histogram, widening and rebinning it if the tensor leaves its range. */
    @Override
    public HistogramObserver observe(float[] x) {
        MinMaxObserver batch = MinMaxObserver.perTensor(scheme, bits).observe(x);
        float lo = batch.observedMin()[0];
        float hi = batch.observedMax()[0];
        if (min > max) {
            min = lo;
            max = hi;
        } else if (lo < min || hi > max) {
            widen(Math.min(lo, min), Math.max(hi, max));
        }
        double width = (double) max - min;
        for (float v : x) {
            int bin = width == 0 ? 0 : (int) ((v - (double) min) * BINS / width);
            histogram[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        return this;
    }

    /** torch's {@code _adjust_min_max} and {@code _combine_histograms} onto {@code [lo, hi']}, hi' >= hi. */
    private void widen(float lo, float hi) {
        double[] old = histogram.clone();
        Arrays.fill(histogram, 0);
        if (min == max) {
            // all earlier values were one point: it lands in the bin that holds it
            int bin = (int) (((double) min - lo) * BINS / ((double) hi - lo));
            histogram[Math.max(0, Math.min(BINS - 1, bin))] = old[0];
            min = lo;
            max = hi;
            return;
        }
        double cell = ((double) max - min) / ((double) BINS * UPSAMPLE_RATE);
        long downsample = (long) Math.ceil(((double) hi - lo) / (BINS * cell));
        float newMax = (float) (lo + downsample * BINS * cell);
        long start = Math.round((min - (double) lo) / cell);
        long fineCells = downsample * BINS;
        for (int j = 0; j < BINS; j++) {
            if (old[j] == 0) {
                continue;
            }
            long from = start + (long) j * UPSAMPLE_RATE;
            long to = Math.min(from + UPSAMPLE_RATE, fineCells);
            for (long k = from / downsample; k * downsample < to; k++) {
                long overlap = Math.min(to, (k + 1) * downsample) - Math.max(from, k * downsample);
                histogram[(int) k] += old[j] * overlap / UPSAMPLE_RATE;
            }
        }
        min = lo;
        max = Math.max(newMax, hi);
    }

    /**
     * Runs the greedy search on the current histogram.
     *
     * @throws IllegalStateException if nothing was observed
     */
    public Search search() {
        if (min > max) {
            throw new IllegalStateException("calculateQParams before any observe");
        }
        if (min == max) {
            return new Search(0, BINS - 1, min, max);
        }
        double total = 0;
        double[] cSum = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            total += histogram[i];
            cSum[i] = total;
        }
        double alpha = 0;
        double beta = 1;
        int start = 0;
        int end = BINS - 1;
        double normMin = Double.POSITIVE_INFINITY;
        while (alpha < beta) {
            double nextAlpha = alpha + STEP;
            double nextBeta = beta - STEP;
            int l = start;
            while (l < end && cSum[l] < nextAlpha * total) {
                l++;
            }
            int r = end;
            while (r > start && cSum[r] > nextBeta * total) {
                r--;
            }
            int nextStart = start;
            int nextEnd = end;
            if (l - start > end - r) {
                nextStart = l;
                alpha = nextAlpha;
            } else {
                nextEnd = r;
                beta = nextBeta;
            }
            if (nextStart == start && nextEnd == end) {
                continue;
            }
            double norm = quantizationError(nextStart, nextEnd);
            if (norm > normMin) {
                break;
            }
            normMin = norm;
            start = nextStart;
            end = nextEnd;
        }
        float w = (max - min) / BINS;
        return new Search(start, end, min + w * start, min + w * (end + 1));
    }

    /** The single range {@code [new_min, new_max]} of {@link #search()}. */
    @Override
    public List<ClipRange> clipRanges() {
        Search s = search();
        return List.of(new ClipRange(s.newMin(), s.newMax()));
    }

    /** torch's {@code _compute_quantization_error}: L2 error of mapping bins {@code [s, e]} onto 256 levels. */
    private double quantizationError(int s, int e) {
        double w = ((double) max - min) / BINS;
        double dstW = w * (e - s + 1) / DST_BINS;
        if (dstW == 0) {
            return 0;
        }
        double half = dstW / 2;
        double inner = cubeIntegral(-half, half);
        double error = 0;
        for (int i = 0; i < BINS; i++) {
            if (histogram[i] == 0) {
                continue;
            }
            double begin = (i - s) * w;
            double end = begin + w;
            double db = Math.max(0, Math.min(DST_BINS - 1, Math.floor(begin / dstW)));
            double de = Math.max(0, Math.min(DST_BINS - 1, Math.floor(end / dstW)));
            double density = histogram[i] / w;
            error += density * (cubeIntegral(begin - (db + 0.5) * dstW, half) + (de - db - 1) * inner
                    + cubeIntegral(-half, end - (de * dstW + half)));
        }
        return error;
    }

    /** {@code (b^3 - a^3) / 3}: the integral of {@code t^2} over {@code [a, b]}. */
    private static double cubeIntegral(double a, double b) {
        return (b * b * b - a * a * a) / 3;
    }
}
