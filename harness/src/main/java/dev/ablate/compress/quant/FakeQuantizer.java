package dev.ablate.compress.quant;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulates integer quantization in float32: the kernel of {@code torch.fake_quantize_per_tensor_affine} and
 * {@code torch.fake_quantize_per_channel_affine(axis=0)} in PyTorch 1.13 (CPU), bit for bit:
 * <pre>
 *   inv    = fl32(1 / scale)                       (once per scale)
 *   code   = zero_point + rint(fl32(x * inv))      (multiply by the reciprocal; rint: half to even)
 *   q      = clamp(code, qmin, qmax)
 *   out    = fl32((q - zero_point) * scale)
 *   mask   = qmin &lt;= code &lt;= qmax               (the straight-through estimator's gradient mask)
 * </pre>
 * Zero is always exact: {@code x = 0} gives {@code q = zero_point} and {@code out = 0}. With {@link QParams}
 * of length 1 the whole tensor shares one scale; otherwise channel {@code c} is the {@code c}-th contiguous
 * block of {@code length / channels} elements (axis 0).
 *
 * <p>With {@link Rounding#STOCHASTIC} the code is {@code zero_point + floor(fl32(x * inv) + u)} with {@code u}
 * uniform in [0, 1) from the caller's generator (one draw per element, in index order), so the expected
 * output equals the input inside the range.
 */
public final class FakeQuantizer {

    private FakeQuantizer() {
    }

    /**
     * The fake-quantized tensor with its integer codes and STE mask.
     *
     * @param output fake-quantized values
     * @param codes  clamped integer codes {@code q}
     * @param mask   1 where the unclamped code was inside the range, else 0
     */
    public record Result(float[] output, int[] codes, byte[] mask) {
    }

    /** Fake-quantizes {@code x} into a new array. */
    public static float[] fakeQuantize(float[] x, QParams qp, IntRange range) {
        float[] out = new float[x.length];
        run(x, x.length, qp, range, Rounding.NEAREST_EVEN, null, out, null, null);
        return out;
    }

    /** Fake-quantizes {@code x}, also returning the codes and the STE mask (for tests and diagnostics). */
    public static Result fakeQuantizeWithCodes(float[] x, QParams qp, IntRange range) {
        float[] out = new float[x.length];
        int[] codes = new int[x.length];
        byte[] mask = new byte[x.length];
        run(x, x.length, qp, range, Rounding.NEAREST_EVEN, null, out, codes, mask);
        return new Result(out, codes, mask);
    }

    /**
     * The quantization error: the float64 mean of {@code (fakeQuantize(x) - x)^2}, the quantity MSE-based
     * calibration minimizes and the reference vectors' {@code *_mse} fields record.
     *
     * @throws IllegalArgumentException if {@code x} is empty or does not split into the parameters' channels
     */
    public static double meanSquaredError(float[] x, QParams qp, IntRange range) {
        if (x.length == 0) {
            throw new IllegalArgumentException("mean squared error of an empty tensor");
        }
        float[] out = fakeQuantize(x, qp, range);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) out[i] - x[i];
            sum += d * d;
        }
        return sum / x.length;
    }

    /**
     * Fake-quantizes {@code x} into {@code out} with the given rounding.
     *
     * @param out  receives the values, same length as {@code x} (may be {@code x} itself)
     * @param mask if not {@code null}, receives the STE mask (1 where the unclamped code was inside the range)
     * @param rng  the source of {@link Rounding#STOCHASTIC} draws; may be {@code null} for
     *             {@link Rounding#NEAREST_EVEN}
     * @return the number of elements whose code was clamped
     * @throws IllegalArgumentException if the lengths disagree or {@code x} does not split into the channels
     * @throws NullPointerException     if {@code rng} is {@code null} for stochastic rounding
     */
    public static long fakeQuantize(float[] x, QParams qp, IntRange range, Rounding rounding, SplittableRandom rng,
                                    float[] out, byte[] mask) {
        if (out.length != x.length || (mask != null && mask.length != x.length)) {
            throw new IllegalArgumentException("input of " + x.length + " elements, output of " + out.length
                    + (mask == null ? "" : ", mask of " + mask.length));
        }
        if (rounding == Rounding.STOCHASTIC) {
            Objects.requireNonNull(rng, "rng is required for stochastic rounding");
        }
        return run(x, x.length, qp, range, rounding, rng, out, null, mask);
    }

    /**
     * Fake-quantizes the first {@code length} elements of {@code x} into {@code out} with nearest-even rounding,
     * without allocating: the form layers use on their reusable batch buffers. Channels split {@code length},
     * not {@code x.length}.
     *
     * @param out  receives the fake-quantized values (may be {@code x} itself)
     * @param mask if not {@code null}, receives the STE mask
     * @throws IllegalArgumentException if {@code length} exceeds an array or does not split into the channels
     */
    public static void fakeQuantize(float[] x, int length, QParams qp, IntRange range, float[] out, byte[] mask) {
        if (length < 0 || length > x.length || length > out.length || (mask != null && length > mask.length)) {
            throw new IllegalArgumentException("length " + length + " does not fit the input (" + x.length
                    + "), output (" + out.length + ") or mask arrays");
        }
        run(x, length, qp, range, Rounding.NEAREST_EVEN, null, out, null, mask);
    }

    private static long run(float[] x, int length, QParams qp, IntRange range, Rounding rounding,
                            SplittableRandom rng, float[] out, int[] codes, byte[] mask) {
        int channels = qp.channelCount();
        if (length % channels != 0) {
            throw new IllegalArgumentException("tensor of " + length + " elements does not split into "
                    + channels + " channels");
        }
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        float[] scales = qp.scales();
        int[] zeroPoints = qp.zeroPoints();
        int block = length / channels;
        int qmin = range.min();
        int qmax = range.max();
        long clipped = 0;
        for (int c = 0; c < channels; c++) {
            float scale = scales[c];
            int zp = zeroPoints[c];
            float inv = 1f / scale;
            for (int i = c * block, end = i + block; i < end; i++) {
                float scaled = x[i] * inv;
                // double holds zp + rint(...) exactly for every float product, so huge inputs clamp correctly
                double code = zp + (stochastic ? Math.floor(scaled + rng.nextDouble()) : Math.rint(scaled));
                int q = (int) Math.max(qmin, Math.min(qmax, code));
                out[i] = (float) (q - zp) * scale;
                boolean inside = code >= qmin && code <= qmax;
                if (!inside) {
                    clipped++;
                }
                if (codes != null) {
                    codes[i] = q;
                }
                if (mask != null) {
                    mask[i] = (byte) (inside ? 1 : 0);
                }
            }
        }
        return clipped;
    }
}
