package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.Rounding;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Scaled casts to a {@link FloatFormat}, as torchao's float8 recipes compute them: a clipping magnitude
 * {@code amax} becomes a float32 <em>scale</em> that maps it onto the format's largest finite value, values are
 * multiplied by the scale, saturated and rounded, and divided by it again:
 * <pre>
 *   scale = fl32(maxFinite / max(amax, 1e-12))        (in double, then rounded to float32)
 *   power-of-two: scale = 2^floor(log2 scale)          (never maps amax beyond maxFinite)
 *   y = fl32(x * scale);  q = round(clamp(y, -maxFinite, maxFinite));  out = fl32(q / scale)
 * </pre>
 * {@code round} is the format's own nearest-even (or stochastic) rounding, so the element grid, subnormals
 * included, is the format's; the clamp makes every format saturate, E5M2 too ("to_fp8_saturated"). An
 * element counts as clipped when rounding {@code y} to nearest would have gone past {@code maxFinite}
 * ({@link FloatFormat#overflows}, or {@code y} infinite), not merely when {@code y} lies within half a step above
 * it: the amax of a set maps there after float32 rounding and is represented exactly as well as any value. A
 * clipped element's straight-through-estimator mask is 0. The
 * reported <em>step</em> of a scale set is {@code 1 / scale}, the value of an element 1.0, so that it is
 * comparable with the step of an integer grid. Stateless.
 */
public final class FloatScaling {

    /** torchao's floor on {@code amax}, which keeps the scale of an all-zero tensor finite. */
    public static final double AMAX_FLOOR = 1e-12;

    private FloatScaling() {
    }

    /**
     * The scale that maps {@code amax} onto the format's largest finite value.
     *
     * @param amax       the clipping magnitude, finite and not negative
     * @param powerOfTwo round the scale down to a power of two
     */
    public static float scale(FloatFormat format, float amax, boolean powerOfTwo) {
        float scale = (float) (format.maxFinite() / Math.max(amax, AMAX_FLOOR));
        return powerOfTwo ? (float) Math.scalb(1.0, Math.getExponent(scale)) : scale;
    }

    /**
     * Fake-quantizes {@code x[from, to)} into {@code out} at one scale.
     *
     * @param steMask if not {@code null}, receives 0 where the element was clipped and 1 elsewhere
     * @param rng     the source of stochastic rounding; unused for nearest-even
     * @return the number of clipped elements
     */
    public static long fakeQuantize(FloatFormat format, float scale, Rounding rounding, float[] x, int from, int to,
                                    float[] out, byte[] steMask, SplittableRandom rng) {
        float max = format.maxFinite();
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        long clipped = 0;
        for (int i = from; i < to; i++) {
            float y = x[i] * scale;
            boolean clip = saturates(format, y);
            float c = Math.abs(y) > max ? Math.copySign(max, y) : y;
            out[i] = (stochastic ? format.round(c, rng) : format.round(c)) / scale;
            if (clip) {
                clipped++;
            }
            if (steMask != null) {
                steMask[i] = (byte) (clip ? 0 : 1);
            }
        }
        return clipped;
    }

    /**
     * Whether {@code y} lies beyond the format's range: rounding it to nearest would exceed the largest finite
     * value (or it is infinite), so saturating changes it by more than rounding would.
     */
    public static boolean saturates(FloatFormat format, float y) {
        return Float.isInfinite(y) || format.overflows(y);
    }

    /**
     * The mean squared error, in double, of fake-quantizing {@code values} (nearest-even) with the scale of
     * clipping magnitude {@code amax}: what an MSE calibration minimizes.
     */
    public static double meanSquaredError(FloatFormat format, float[] values, float amax) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            return 0;
        }
        float scale = scale(format, amax, false);
        float max = format.maxFinite();
        double sum = 0;
        for (float v : values) {
            float y = v * scale;
            float q = format.round(Math.abs(y) > max ? Math.copySign(max, y) : y) / scale;
            double d = (double) v - q;
            sum += d * d;
        }
        return sum / values.length;
    }
}
