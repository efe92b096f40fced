package dev.ablate.compress.quant.format;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A binary floating-point format narrower than float32 (a "minifloat"): one sign bit, {@code E} exponent bits,
 * {@code M} mantissa bits and an exponent bias, with subnormals. Rounding follows the shared reference
 * algorithm (reference README §5), which reproduces PyTorch's float32 → fp16/bf16 casts bit for bit:
 * <pre>
 *   NaN → NaN
 *   a = |x|;  e = max(floor(log2 a), emin);  quantum = 2^(e - M)
 *   r = rint(a / quantum) * quantum                 (ties to even; exact in double)
 *   if x is ±Inf or r &gt; maxFinite: r = Inf (IEEE formats) or maxFinite (saturating formats)
 *   result = copysign(r, x)                          (-0 stays -0)
 * </pre>
 * with {@code emin = 1 - bias}. Instances are immutable.
 */
public final class FloatFormat implements ElementFormat {

    /** Which codes of the top exponent are special, which fixes the largest finite value and overflow. */
    public enum Specials {
        /** IEEE 754: the top exponent holds ±Inf (mantissa 0) and NaN; overflow goes to ±Inf. */
        IEEE,
        /**
         * OCP "FN" (finite + NaN): only S.1111.111 is NaN, the rest of the top exponent is finite; no infinities,
         * so overflow (and ±Inf) saturates to ±maxFinite ("satfinite" conversion).
         */
        FINITE_NAN,
        /** No special codes at all (OCP MX FP4 E2M1): every code is finite; overflow and ±Inf saturate. */
        NONE
    }

    /** IEEE binary16: E5M10, bias 15, max 65504. */
    public static final FloatFormat FP16 = new FloatFormat("fp16", 5, 10, 15, Specials.IEEE);
    /** bfloat16: E8M7, bias 127, max (2 - 2^-7)·2^127. */
    public static final FloatFormat BF16 = new FloatFormat("bf16", 8, 7, 127, Specials.IEEE);
    /** OCP FP8 E4M3FN: bias 7, max 448, no infinities (overflow saturates to ±448). */
    public static final FloatFormat FP8_E4M3 = new FloatFormat("fp8-e4m3", 4, 3, 7, Specials.FINITE_NAN);
    /** OCP FP8 E5M2: bias 15, max 57344, IEEE infinities. */
    public static final FloatFormat FP8_E5M2 = new FloatFormat("fp8-e5m2", 5, 2, 15, Specials.IEEE);
    /**
     * OCP MX FP4 E2M1 (MX spec v1.0 §5.3.3): bias 1, magnitudes {0, 0.5, 1, 1.5, 2, 3, 4, 6}, no Inf or NaN
     * codes; overflow saturates to ±6.
     */
    public static final FloatFormat FP4_E2M1 = new FloatFormat("fp4-e2m1", 2, 1, 1, Specials.NONE);
    /** OCP MX FP6 E3M2 (MX spec v1.0 §5.3.2): bias 3, max 28, min normal 0.25, no Inf or NaN codes. */
    public static final FloatFormat FP6_E3M2 = new FloatFormat("fp6-e3m2", 3, 2, 3, Specials.NONE);
    /** OCP MX FP6 E2M3 (MX spec v1.0 §5.3.2): bias 1, max 7.5, min normal 1, no Inf or NaN codes. */
    public static final FloatFormat FP6_E2M3 = new FloatFormat("fp6-e2m3", 2, 3, 1, Specials.NONE);

    /** The named formats above, by spec name. */
    private static final List<FloatFormat> NAMED = List.of(FP16, BF16, FP8_E4M3, FP8_E5M2, FP6_E3M2, FP6_E2M3,
            FP4_E2M1);

    /**
     * The named format with spec name {@code name} ({@code fp16}, {@code bf16}, {@code fp8-e4m3}, {@code fp8-e5m2},
     * {@code fp6-e3m2}, {@code fp6-e2m3}, {@code fp4-e2m1}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static FloatFormat named(String name) {
        for (FloatFormat f : NAMED) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown float format '" + name + "'");
    }

    private final String name;
    private final int exponentBits;
    private final int mantissaBits;
    private final int bias;
    private final Specials specials;
    private final int emin;
    private final double maxFinite;
    private final boolean saturates;

    /**
     * A format.
     *
     * @param name         spec name, e.g. {@code fp8-e4m3}
     * @param exponentBits 1 to 8
     * @param mantissaBits 1 to 10 (the total width stays within 16 bits)
     * @param bias         exponent bias
     * @param specials     which codes are Inf/NaN
     * @throws IllegalArgumentException if the widths are out of range or leave no finite normal value
     */
    public FloatFormat(String name, int exponentBits, int mantissaBits, int bias, Specials specials) {
        this.name = Objects.requireNonNull(name, "name");
        this.specials = Objects.requireNonNull(specials, "specials");
        if (exponentBits < 1 || exponentBits > 8 || mantissaBits < 1 || 1 + exponentBits + mantissaBits > 16) {
            throw new IllegalArgumentException(name + ": need 1 to 8 exponent bits, at least 1 mantissa bit and at"
                    + " most 16 bits in all, got E" + exponentBits + "M" + mantissaBits);
        }
        this.exponentBits = exponentBits;
        this.mantissaBits = mantissaBits;
        this.bias = bias;
        this.emin = 1 - bias;
        int topExponent = (1 << exponentBits) - 1 - bias;
        // IEEE reserves the top exponent; FN reserves only its all-ones mantissa (one fewer mantissa step)
        this.maxFinite = switch (specials) {
            case IEEE -> (2 - Math.scalb(1.0, -mantissaBits)) * Math.scalb(1.0, topExponent - 1);
            case FINITE_NAN -> (2 - Math.scalb(1.0, 1 - mantissaBits)) * Math.scalb(1.0, topExponent);
            case NONE -> (2 - Math.scalb(1.0, -mantissaBits)) * Math.scalb(1.0, topExponent);
        };
        if (!(maxFinite > 0) || maxFinite > Float.MAX_VALUE || emin - mantissaBits < -149) {
            throw new IllegalArgumentException(name + ": E" + exponentBits + "M" + mantissaBits + " bias " + bias
                    + " does not fit inside float32");
        }
        this.saturates = specials != Specials.IEEE;
    }

    /** Spec name, e.g. {@code fp16}, {@code fp8-e4m3}. */
    public String name() {
        return name;
    }

    /** Exponent bits. */
    public int exponentBits() {
        return exponentBits;
    }

    /** Mantissa (fraction) bits. */
    public int mantissaBits() {
        return mantissaBits;
    }

    /** Exponent bias. */
    public int bias() {
        return bias;
    }

    /** Which codes are Inf/NaN. */
    public Specials specials() {
        return specials;
    }

    /** Total width in bits: sign + exponent + mantissa. */
    public int width() {
        return 1 + exponentBits + mantissaBits;
    }

    /** Largest finite magnitude, e.g. 65504 for fp16, 448 for E4M3, 6 for E2M1. */
    public float maxFinite() {
        return (float) maxFinite;
    }

    /** Whether overflow saturates to ±{@link #maxFinite()} (true) or goes to ±Inf (IEEE formats). */
    public boolean saturates() {
        return saturates;
    }

    /** The exponent of the largest binade ({@code floor(log2 maxFinite)}): 8 for E4M3, 2 for E2M1, 15 for fp16. */
    public int maxExponent() {
        return Math.getExponent(maxFinite);
    }

    /** Rounds {@code x} to the nearest representable value, ties to even (see the class comment). */
    public float round(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        double a = Math.abs((double) x);
        double r = Float.isInfinite(x) ? Double.POSITIVE_INFINITY : nearestMagnitude(a);
        return (float) Math.copySign(r > maxFinite ? overflow() : r, x);
    }

    /**
     * Rounds {@code x} stochastically: to one of the two representable neighbours of {@code |x|}, the upper with
     * probability equal to the distance from the lower in units of their spacing, so the result is unbiased.
     * Representable values come back unchanged. Values beyond {@link #maxFinite()}, ±Inf and NaN have no upper
     * neighbour and follow {@link #round(float)} (overflow rule included). Exactly one {@code nextDouble()} is
     * drawn for each finite {@code |x| <= maxFinite}.
     */
    public float round(float x, SplittableRandom rng) {
        double a = Math.abs((double) x);
        if (!(a <= maxFinite)) {
            return round(x);
        }
        double quantum = quantum(a);
        double lower = Math.floor(a / quantum);
        double r = (rng.nextDouble() < a / quantum - lower ? lower + 1 : lower) * quantum;
        return (float) Math.copySign(r, x);
    }

    /**
     * Whether rounding the finite value {@code x} to nearest overflowed: it became ±Inf (IEEE formats) or was
     * saturated to ±maxFinite (saturating formats). False for NaN and ±Inf inputs.
     */
    public boolean overflows(float x) {
        double a = Math.abs((double) x);
        return a > maxFinite && !Float.isInfinite(x) && nearestMagnitude(a) > maxFinite;
    }

    /**
     * The bit pattern of {@link #round(float) round(x)}: sign in bit {@code width() - 1}, then the biased
     * exponent, then the mantissa. NaN encodes as the quiet NaN (IEEE: top exponent, top mantissa bit) or, for
     * FN formats, the all-ones code.
     *
     * @throws IllegalArgumentException for NaN in a format without NaN codes ({@link Specials#NONE})
     */
    public int encode(float x) {
        float r = round(x);
        int sign = Float.floatToRawIntBits(r) < 0 ? 1 << (exponentBits + mantissaBits) : 0;
        int topField = (1 << exponentBits) - 1;
        if (Float.isNaN(r)) {
            return switch (specials) {
                case IEEE -> sign | topField << mantissaBits | 1 << (mantissaBits - 1);
                case FINITE_NAN -> sign | topField << mantissaBits | (1 << mantissaBits) - 1;
                case NONE -> throw new IllegalArgumentException(name + " has no NaN code");
            };
        }
        if (Float.isInfinite(r)) {
            return sign | topField << mantissaBits;
        }
        double a = Math.abs((double) r);
        int e = exponentOf(a);
        int mantissa = (int) (a / Math.scalb(1.0, e - mantissaBits));
        // below the smallest normal the field is 0 and the implicit leading 1 is absent
        boolean normal = mantissa >= 1 << mantissaBits;
        int field = normal ? e + bias : 0;
        return sign | field << mantissaBits | (mantissa & ((1 << mantissaBits) - 1));
    }

    /**
     * The value of a bit pattern.
     *
     * @param bits the code, in {@code [0, 2^width())}
     * @throws IllegalArgumentException if {@code bits} does not fit the width
     */
    public float decode(int bits) {
        if (bits < 0 || bits >= 1 << width()) {
            throw new IllegalArgumentException(name + ": code " + bits + " is outside [0, " + (1 << width()) + ")");
        }
        double sign = (bits >>> (exponentBits + mantissaBits)) == 0 ? 1.0 : -1.0;
        int field = (bits >>> mantissaBits) & ((1 << exponentBits) - 1);
        int mantissa = bits & ((1 << mantissaBits) - 1);
        int topField = (1 << exponentBits) - 1;
        if (field == topField && specials == Specials.IEEE) {
            return mantissa == 0 ? (float) (sign * Double.POSITIVE_INFINITY) : Float.NaN;
        }
        if (field == topField && specials == Specials.FINITE_NAN && mantissa == (1 << mantissaBits) - 1) {
            return Float.NaN;
        }
        double significand = field == 0 ? mantissa : mantissa + (1 << mantissaBits);
        return (float) (sign * significand * Math.scalb(1.0, Math.max(field, 1) - bias - mantissaBits));
    }

    @Override
    public String toString() {
        return name + "(E" + exponentBits + "M" + mantissaBits + ", bias " + bias + ", " + specials + ")";
    }

    private int exponentOf(double a) {
        // Math.getExponent(0.0) is below every emin, so zero takes the subnormal quantum
        return Math.max(Math.getExponent(a), emin);
    }

    private double quantum(double a) {
        return Math.scalb(1.0, exponentOf(a) - mantissaBits);
    }

    private double nearestMagnitude(double a) {
        double quantum = quantum(a);
        return Math.rint(a / quantum) * quantum;
    }

    private double overflow() {
        return saturates ? maxFinite : Double.POSITIVE_INFINITY;
    }
}
