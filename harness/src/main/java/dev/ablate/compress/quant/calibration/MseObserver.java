package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QuantScheme;

import java.util.ArrayList;
import java.util.List;

/**
 * MSE-optimal clipping by grid search, per channel: candidate {@code i = 1..N} shrinks the observed range by
 * {@code i / N} in float32,
 * <pre>
 *   symmetric: m = max(-min(min, 0), max(max, 0));  c_i = fl32(fl32(m * i) / N);  range [-c_i, c_i]
 *   affine:    lo_i = fl32(fl32(min(min, 0) * i) / N);  hi_i = fl32(fl32(max(max, 0) * i) / N)
 * </pre>
 * and the chosen range is the one with the smallest float64 mean squared fake-quantization error, the smallest
 * {@code i} on ties. The error is that of the integer grid the MinMax parameters of the range give
 * ({@link FakeQuantizer#meanSquaredError}), or, for grids that are not integer (scaled floats), a
 * {@link ClipError} the caller supplies. The
 * min/max are exact over everything observed; the error is measured on the values kept (all of them up to
 * {@code sampleCap}, a seeded reservoir sample beyond). Not thread-safe.
 */
public final class MseObserver extends SampledObserver<MseObserver> {

    /** The default number of grid points {@code N}. */
    public static final int DEFAULT_GRID_SIZE = 100;

    private final int gridSize;
    private final ClipError error;

    /** The error of representing some values with a clipping range, for grids other than the integer one. */
    @FunctionalInterface
    public interface ClipError {
        /** Mean squared error, in double, of fake-quantizing {@code values} with the grid of {@code range}. */
        double meanSquaredError(float[] values, ClipRange range);
    }

    /**
     * @param scheme    the quantization scheme
     * @param bits      bit width, valid for {@code scheme}
     * @param channels  1 per tensor, else the size of axis 0 (one search per channel)
     * @param gridSize  number of candidate ranges {@code N}, at least 1
     * @param sampleCap how many values to keep at most, over all channels ({@link Observers#DEFAULT_SAMPLE_CAP})
     * @throws IllegalArgumentException if an argument is out of range
     */
    public MseObserver(QuantScheme scheme, int bits, int channels, int gridSize, int sampleCap) {
        this(scheme, bits, channels, gridSize, sampleCap, null);
    }

    /**
     * An observer that scores candidate ranges with {@code error} instead of the integer grid's error.
     *
     * @param error the error of a range; {@code null} selects the integer grid of {@code scheme} and {@code bits}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public MseObserver(QuantScheme scheme, int bits, int channels, int gridSize, int sampleCap, ClipError error) {
        super(scheme, bits, channels, sampleCap);
        if (gridSize < 1) {
            throw new IllegalArgumentException("grid size must be at least 1, got " + gridSize);
        }
        this.gridSize = gridSize;
        this.error = error != null ? error : (values, r) -> FakeQuantizer.meanSquaredError(values,
                MinMaxObserver.qparams(scheme, range(), new float[] {r.min()}, new float[] {r.max()}), range());
    }

    /**
     * The error of every candidate of one channel: entry {@code i - 1} is the mean squared error with range
     * {@code i / N} of the observed one.
     *
     * @throws IllegalStateException     if nothing was observed
     * @throws IndexOutOfBoundsException if {@code channel} is not a channel
     */
    public double[] gridMse(int channel) {
        float[] x = samples.values(channel);
        float lo = samples.min()[channel];
        float hi = samples.max()[channel];
        double[] mse = new double[gridSize];
        for (int i = 1; i <= gridSize; i++) {
            mse[i - 1] = error.meanSquaredError(x, candidate(lo, hi, i));
        }
        return mse;
    }

    /** The candidate range with the smallest error in each channel. */
    @Override
    public List<ClipRange> clipRanges() {
        float[] lo = samples.min();
        float[] hi = samples.max();
        List<ClipRange> out = new ArrayList<>(lo.length);
        for (int c = 0; c < lo.length; c++) {
            double[] mse = gridMse(c);
            int best = 0;
            for (int i = 1; i < mse.length; i++) {
                if (mse[i] < mse[best]) {
                    best = i;
                }
            }
            out.add(candidate(lo[c], hi[c], best + 1));
        }
        return out;
    }

    private ClipRange candidate(float min, float max, int i) {
        float minNeg = Math.min(min, 0f);
        float maxPos = Math.max(max, 0f);
        float n = gridSize;
        if (scheme.symmetric()) {
            return ClipRange.symmetric(Math.max(-minNeg, maxPos) * i / n);
        }
        return new ClipRange(minNeg * i / n, maxPos * i / n);
    }
}
