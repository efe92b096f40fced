package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QParams;

import java.util.Objects;

/**
 * The arithmetic of learned step size quantization (LSQ, Esser et al. 2020): PyTorch 1.13's
 * {@code _fake_quantize_learnable_per_tensor_affine} and {@code ..._per_channel_affine(axis=0)} (CPU), bit for
 * bit, for a learnable float32 scale and zero point per tensor or per channel.
 *
 * <p>Forward: the {@link FakeQuantizer} kernel with the zero point {@code clamp(rint(zero_point), qmin, qmax)}.
 * Backward, per element, with {@code inv = fl32(1 / scale)}, {@code gf = fl32(grad_factor)} and the backward
 * zero point {@code zb = trunc(clamp(fl32(zero_point + 0.5), qmin, qmax))} (it differs from the forward's
 * when the zero point is fractional, as in PyTorch):
 * <pre>
 *   xq = rint(fma(x, inv, zb))                            (one rounding, then ties to even)
 *   inside [qmin, qmax]:  d input = g;  d scale = fl32(fl32(fl32(g * fma(xq - zb, scale, -x)) * inv) * gf);  d zp = 0
 *   outside:              d input = 0;  d scale = fl32(fl32(g * (qmin - zb or qmax - zb)) * gf)
 *                                       d zp    = fl32(fl32(fl32(-g) * scale) * gf)
 * </pre>
 * The fused multiply-adds are what PyTorch's compiled kernel computes (see the reference vectors' README,
 * section 4); the scale and zero-point gradients are float32 sums over each channel. Immutable.
 */
public final class LearnedStepQuantizer {

    private final IntRange range;

    /** A quantizer onto {@code range}'s integer codes. */
    public LearnedStepQuantizer(IntRange range) {
        this.range = Objects.requireNonNull(range, "range");
    }

    /** The integer codes. */
    public IntRange range() {
        return range;
    }

    /**
     * LSQ's gradient scale {@code 1 / sqrt(numel * qmax)} (Esser et al. 2020, section 2.2), which keeps the
     * step-size updates in proportion to the weight updates.
     *
     * @param numel elements sharing the learned parameters' gradient (the tensor's size)
     */
    public float gradFactor(long numel) {
        if (numel < 1) {
            throw new IllegalArgumentException("numel must be at least 1, got " + numel);
        }
        return (float) (1.0 / Math.sqrt((double) numel * Math.max(range.max(), 1)));
    }

    /** The zero point the forward pass uses: {@code clamp(rint(zeroPoint), qmin, qmax)}. */
    public int forwardZeroPoint(float zeroPoint) {
        return (int) Math.max(range.min(), Math.min(range.max(), Math.rint(zeroPoint)));
    }

    /** The zero point the backward pass uses: {@code trunc(clamp(fl32(zeroPoint + 0.5), qmin, qmax))}. */
    public int backwardZeroPoint(float zeroPoint) {
        return (int) Math.max(range.min(), Math.min(range.max(), zeroPoint + 0.5f));
    }

    /** The integer parameters the forward pass applies: the scales and the {@link #forwardZeroPoint}s. */
    public QParams forwardParams(float[] scales, float[] zeroPoints) {
        int[] zps = new int[zeroPoints.length];
        for (int c = 0; c < zps.length; c++) {
            zps[c] = forwardZeroPoint(zeroPoints[c]);
        }
        return new QParams(scales, zps);
    }

    /**
     * The scales a learned parameter holds, made usable: each at least {@link MinMaxObserver#EPS}, so that an
     * optimizer step cannot make a scale zero or negative.
     */
    public static float[] usableScales(float[] learned) {
        float[] s = new float[learned.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = Math.max(learned[c], MinMaxObserver.EPS);
        }
        return s;
    }

    /**
     * Fake-quantizes the first {@code length} elements of {@code x} into {@code out}; channel {@code c} is the
     * {@code c}-th contiguous block of {@code length / scales.length} elements.
     *
     * @param mask if not {@code null}, receives 1 where the code was inside the range (0: clipped)
     */
    public void forward(float[] x, int length, float[] scales, float[] zeroPoints, float[] out, byte[] mask) {
        FakeQuantizer.fakeQuantize(x, length, forwardParams(scales, zeroPoints), range, out, mask);
    }

    /**
     * Per-element gradients, for diagnostics and for checking against PyTorch.
     *
     * @param codes         the backward codes {@code xq}
     * @param gradScale     each element's contribution to its channel's scale gradient
     * @param gradZeroPoint each element's contribution to its channel's zero-point gradient
     */
    public record ElementGradients(int[] codes, float[] gradScale, float[] gradZeroPoint) {
        /** Arrays for {@code length} elements. */
        public ElementGradients(int length) {
            this(new int[length], new float[length], new float[length]);
        }
    }

    /**
     * Back-propagates through {@link #forward} for the first {@code length} elements.
     *
     * @param x             the forward input
     * @param gradOutput    d loss / d output
     * @param scales        the scale per channel
     * @param zeroPoints    the (float) zero point per channel
     * @param gradFactor    multiplies the scale and zero-point gradients ({@link #gradFactor} for LSQ, 1 for none)
     * @param gradInput     receives d loss / d input (may be {@code gradOutput} itself)
     * @param gradScale     receives d loss / d scale per channel (overwritten)
     * @param gradZeroPoint receives d loss / d zero point per channel (overwritten); {@code null} if not needed
     * @param elements      receives the per-element values; {@code null} if not needed
     */
    public void backward(float[] x, float[] gradOutput, int length, float[] scales, float[] zeroPoints,
                         float gradFactor, float[] gradInput, float[] gradScale, float[] gradZeroPoint,
                         ElementGradients elements) {
        int channels = scales.length;
        if (length % channels != 0 || zeroPoints.length != channels || gradScale.length != channels
                || (gradZeroPoint != null && gradZeroPoint.length != channels)) {
            throw new IllegalArgumentException(length + " elements, " + channels + " scales, " + zeroPoints.length
                    + " zero points and " + gradScale.length + " scale gradients do not describe the same channels");
        }
        int block = length / channels;
        int qmin = range.min();
        int qmax = range.max();
        for (int c = 0; c < channels; c++) {
            float scale = scales[c];
            float inv = 1f / scale;
            int zb = backwardZeroPoint(zeroPoints[c]);
            float sumScale = 0f;
            float sumZeroPoint = 0f;
            for (int i = c * block, end = i + block; i < end; i++) {
                float g = gradOutput[i];
                float xq = (float) Math.rint(Math.fma(x[i], inv, (float) zb));
                float dScale;
                float dZeroPoint;
                if (xq >= qmin && xq <= qmax) {
                    gradInput[i] = g;
                    dScale = g * Math.fma(xq - zb, scale, -x[i]) * inv * gradFactor;
                    dZeroPoint = 0f;
                } else {
                    gradInput[i] = g * 0f;
                    dScale = g * (float) ((xq < qmin ? qmin : qmax) - zb) * gradFactor;
                    dZeroPoint = -g * scale * gradFactor;
                }
                sumScale += dScale;
                sumZeroPoint += dZeroPoint;
                if (elements != null) {
                    elements.codes()[i] = (int) xq;
                    elements.gradScale()[i] = dScale;
                    elements.gradZeroPoint()[i] = dZeroPoint;
                }
            }
            gradScale[c] = sumScale;
            if (gradZeroPoint != null) {
                gradZeroPoint[c] = sumZeroPoint;
            }
        }
    }
}
