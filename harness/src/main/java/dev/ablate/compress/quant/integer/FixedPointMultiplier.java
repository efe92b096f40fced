package dev.ablate.compress.quant.integer;

/**
 * A positive real multiplier {@code M} held as a Q31 fixed-point mantissa and a power-of-two exponent,
 * {@code M ~= multiplier * 2^(shift - 31)}, with the integer arithmetic that applies it to an int32 accumulator
 * exactly as gemmlowp / TensorFlow Lite do ({@code QuantizeMultiplier}, {@code MultiplyByQuantizedMultiplier},
 * {@code SaturatingRoundingDoublingHighMul}, {@code RoundingDivideByPOT}; Jacob et al. 2018, section 2.2).
 *
 * <p>Requantization multipliers {@code s_in * s_w / s_out} are usually below 1, giving {@code shift <= 0}: a
 * right shift by {@code -shift} after the high multiply. A multiplier of 1 or more gives a left shift before it;
 * there the product saturates to int32 where TFLite's would wrap around (it never matters after clamping to 8
 * bits, and wrapping would give a wrong code).
 *
 * @param multiplier Q31 mantissa in {@code [2^30, 2^31)}, or 0 for a multiplier too small to represent
 * @param shift      binary exponent: positive shifts left before the high multiply, negative shifts right after
 *                   it; in {@code [-31, 30]}
 */
public record FixedPointMultiplier(int multiplier, int shift) {

    /**
     * @throws IllegalArgumentException if the mantissa is negative or non-zero below {@code 2^30}, or the shift is
     *                                  outside {@code [-31, 30]}
     */
    public FixedPointMultiplier {
        if (multiplier < 0 || (multiplier != 0 && multiplier < (1 << 30)) || shift < -31 || shift > 30) {
            throw new IllegalArgumentException("multiplier " + multiplier + " must be 0 or in [2^30, 2^31) and shift "
                    + shift + " in [-31, 30]");
        }
    }

    /**
     * TFLite's {@code QuantizeMultiplier}: {@code frexp} splits {@code real} into {@code q * 2^shift} with
     * {@code q} in {@code [0.5, 1)}, the mantissa is {@code round(q * 2^31)} (half away from zero), carried into
     * the exponent when it rounds up to {@code 2^31}; multipliers below {@code 2^-32} become 0 and those of
     * {@code 2^30} or more saturate to the largest representable one.
     *
     * @param real the multiplier, positive and finite
     * @throws IllegalArgumentException if {@code real} is not positive and finite
     */
    public static FixedPointMultiplier of(double real) {
        if (!(real > 0) || Double.isInfinite(real)) {
            throw new IllegalArgumentException("requantization multiplier must be positive and finite, got " + real);
        }
        int shift = Math.getExponent(real) + 1;
        long mantissa = Math.round(Math.scalb(real, -shift) * 0x1p31);
        if (mantissa == 1L << 31) {
            mantissa /= 2;
            shift++;
        }
        if (shift < -31) {
            return new FixedPointMultiplier(0, 0);
        }
        if (shift > 30) {
            return new FixedPointMultiplier(Integer.MAX_VALUE, 30);
        }
        return new FixedPointMultiplier((int) mantissa, shift);
    }

    /** The real multiplier this pair represents, {@code multiplier * 2^(shift - 31)}. */
    public double value() {
        return Math.scalb((double) multiplier, shift - 31);
    }

    /**
     * {@code round(x * M)} in integer arithmetic (TFLite's {@code MultiplyByQuantizedMultiplier}): the left shift
     * (saturating), then {@link #saturatingRoundingDoublingHighMul}, then {@link #roundingDivideByPowerOfTwo}.
     */
    public int apply(int x) {
        int leftShift = Math.max(shift, 0);
        int rightShift = Math.max(-shift, 0);
        int shifted = leftShift == 0 ? x : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) x << leftShift));
        return roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(shifted, multiplier), rightShift);
    }

    /**
     * gemmlowp's {@code SaturatingRoundingDoublingHighMul}: the high 32 bits of {@code 2 * a * b}, rounded to
     * nearest with ties toward positive infinity (its nudge is {@code 2^30} or {@code 1 - 2^30} before a division that
     * truncates toward zero), saturating the one overflowing case {@code a = b = Integer.MIN_VALUE} to
     * {@code Integer.MAX_VALUE}.
     */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * b;
        long nudge = ab >= 0 ? 1L << 30 : 1 - (1L << 30);
        // Java's long division truncates toward zero, like the C++ it mirrors
        return (int) ((ab + nudge) / (1L << 31));
    }

    /**
     * gemmlowp's {@code RoundingDivideByPOT}: {@code x / 2^exponent} rounded to nearest, ties away from zero.
     *
     * @param exponent in {@code [0, 31]}
     * @throws IllegalArgumentException if {@code exponent} is outside {@code [0, 31]}
     */
    public static int roundingDivideByPowerOfTwo(int x, int exponent) {
        if (exponent < 0 || exponent > 31) {
            throw new IllegalArgumentException("exponent must be in [0, 31], got " + exponent);
        }
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }
}
