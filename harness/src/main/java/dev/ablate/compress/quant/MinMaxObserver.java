package dev.ablate.compress.quant;

import java.util.Arrays;
import java.util.Objects;

/**
 * Records the running minimum and maximum of the tensors it observes and turns them into {@link QParams},
 * as torch.ao's {@code MinMaxObserver} (per tensor) and {@code PerChannelMinMaxObserver(ch_axis=0)}
 * (per channel) do in PyTorch 1.13, with {@code reduce_range=False}.
 *
 * <p>{@code _calculate_qparams}, in float32 exactly:
 * <pre>
 *   min_neg = min(min, 0);  max_pos = max(max, 0)
 *   symmetric: scale = max(fl32(max(-min_neg, max_pos) / ((qmax - qmin) / 2)), eps);  zero_point = 0
 *   affine:    scale = max(fl32(fl32(max_pos - min_neg) / (qmax - qmin)), eps)
 *              zero_point = clamp(qmin - rint(fl32(min_neg / scale)), qmin, qmax)
 * </pre>
 * with {@code eps = 2^-23} ({@code torch.finfo(float32).eps}) and {@code rint} rounding half to even. Note the
 * symmetric denominator {@code (qmax - qmin) / 2}: 127.5 for [-128, 127], 127 for the narrow [-127, 127].
 *
 * <p>Per channel, channel {@code c} is the {@code c}-th contiguous block of {@code length / channels}
 * elements, i.e. index {@code c} on axis 0 of a row-major {@code [out, in]} or {@code [out, in, kh, kw]}
 * weight. Not thread-safe.
 */
public final class MinMaxObserver implements Observer {

    /** {@code torch.finfo(torch.float32).eps}: the smallest scale the observer returns. */
    public static final float EPS = 0x1p-23f;

    private final QuantScheme scheme;
    private final IntRange range;
    private final float[] min;
    private final float[] max;
    private boolean observed;

    private MinMaxObserver(QuantScheme scheme, int bits, int channels) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.range = scheme.range(bits);
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        this.min = new float[channels];
        this.max = new float[channels];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
    }

    /** One (scale, zero point) for the whole tensor. */
    public static MinMaxObserver perTensor(QuantScheme scheme, int bits) {
        return new MinMaxObserver(scheme, bits, 1);
    }

    /** One (scale, zero point) per index on axis 0; {@code channels} is the size of that axis. */
    public static MinMaxObserver perChannel(QuantScheme scheme, int bits, int channels) {
        return new MinMaxObserver(scheme, bits, channels);
    }

    @Override
    public IntRange range() {
        return range;
    }

    /** The scheme. */
    public QuantScheme scheme() {
        return scheme;
    }

    /** Widens the running min/max with a tensor whose length is a non-zero multiple of the channel count. */
    @Override
    public MinMaxObserver observe(float[] x) {
        int channels = min.length;
        if (x.length == 0 || x.length % channels != 0) {
            throw new IllegalArgumentException("tensor of " + x.length + " elements does not split into "
                    + channels + " non-empty channels");
        }
        int block = x.length / channels;
        for (int c = 0; c < channels; c++) {
            float lo = min[c];
            float hi = max[c];
            for (int i = c * block, end = i + block; i < end; i++) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            min[c] = lo;
            max[c] = hi;
        }
        observed = true;
        return this;
    }

    /** Running minimum per channel (length 1 per tensor). */
    public float[] observedMin() {
        return min.clone();
    }

    /** Running maximum per channel (length 1 per tensor). */
    public float[] observedMax() {
        return max.clone();
    }

    @Override
    public QParams calculateQParams() {
        if (!observed) {
            throw new IllegalStateException("calculateQParams before any observe");
        }
        return qparams(scheme, range, min, max);
    }

    /**
     * The MinMax formula of the class comment applied to given ranges, one (scale, zero point) per entry: the
     * one place that turns a clipping range into {@link QParams}, shared by every observer that chooses its
     * range some other way (moving average, percentile, MSE, histogram, entropy).
     *
     * @param scheme the quantization scheme
     * @param range  the integer codes ({@code scheme.range(bits)})
     * @param min    lower ends of the ranges, float32
     * @param max    upper ends of the ranges, same length as {@code min}
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static QParams qparams(QuantScheme scheme, IntRange range, float[] min, float[] max) {
        if (min.length == 0 || min.length != max.length) {
            throw new IllegalArgumentException(min.length + " minima and " + max.length
                    + " maxima; need the same non-zero number");
        }
        float[] scales = new float[min.length];
        int[] zeroPoints = new int[min.length];
        int qmin = range.min();
        int qmax = range.max();
        for (int c = 0; c < min.length; c++) {
            float minNeg = Math.min(min[c], 0f);
            float maxPos = Math.max(max[c], 0f);
            if (scheme.symmetric()) {
                float denom = (float) (qmax - qmin) / 2f;
                scales[c] = Math.max(Math.max(-minNeg, maxPos) / denom, EPS);
                zeroPoints[c] = 0;
            } else {
                float scale = Math.max((maxPos - minNeg) / (float) (qmax - qmin), EPS);
                double zp = qmin - Math.rint(minNeg / scale);
                scales[c] = scale;
                zeroPoints[c] = (int) Math.max(qmin, Math.min(qmax, zp));
            }
        }
        return new QParams(scales, zeroPoints);
    }
}
