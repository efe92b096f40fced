package dev.ablate.spec;

import java.util.Objects;

/**
 * How weights are quantized ({@code compress.quantize.weights}).
 *
 * @param format       number format: {@code int}, {@code binary}, {@code ternary}, {@code fp16}, {@code bf16},
 *                     {@code fp8-e4m3}, {@code fp8-e5m2}, {@code fp4-e2m1}, {@code mxfp8}, {@code mxfp4},
 *                     {@code mxint8}, {@code nvfp4} or {@code codebook}
 * @param bits         bit width of {@code int} and {@code codebook} (2^bits centroids); other formats have a
 *                     fixed width and ignore it
 * @param symmetric    {@code int}: {@code true} for the signed range [-2^(b-1), 2^(b-1)-1] with zero point 0,
 *                     {@code false} for unsigned affine [0, 2^b-1] with a zero point
 * @param granularity  how many scale sets a tensor gets ({@code none}: the raw fp8/fp4 grid)
 * @param groupSize    elements per group for {@link Granularity#PER_GROUP}
 * @param rounding     {@code nearest-even} or {@code stochastic}
 * @param powerOfTwo   {@code int}: round scales up to powers of two (shift-only hardware); scaled fp8/fp4:
 *                     round them down to powers of two
 * @param calibration  {@code int} and scaled fp8/fp4: how the range is chosen: {@code minmax}, {@code mse} or
 *                     {@code percentile}
 * @param percentile   the percentile of {@code calibration: percentile}
 */
public record WeightQuantConfig(String format, int bits, boolean symmetric, Granularity granularity, int groupSize,
                                String rounding, boolean powerOfTwo, String calibration, double percentile) {
    public WeightQuantConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(calibration, "calibration");
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits must be in [1, 16], got " + bits);
        }
    }

    /** The same config at another bit width. */
    public WeightQuantConfig withBits(int newBits) {
        return new WeightQuantConfig(format, newBits, symmetric, granularity, groupSize, rounding, powerOfTwo,
                calibration, percentile);
    }

    /** Bits each element occupies: {@link #bits} for {@code int}/{@code codebook}, else the format's width. */
    public int elementBits() {
        return descriptor().elementBits(bits);
    }

    /** Whether {@link #granularity} means something: int, binary, ternary and the fp8/fp4 formats (scaled or raw). */
    public boolean hasGranularity() {
        return descriptor().keys().containsKey("granularity");
    }

    /** Whether {@link #rounding} means something: every format but binary, ternary and codebook. */
    public boolean hasRounding() {
        return descriptor().keys().containsKey("rounding");
    }

    /**
     * Whether {@link #calibration} chooses the range: int and the scaled float formats (not their raw grid,
     * granularity {@code none}).
     */
    public boolean hasCalibration() {
        return descriptor().keys().containsKey("calibration") && granularity != Granularity.NONE;
    }

    /** The format's descriptor, as its library registers it. */
    public NumberFormatDescriptor descriptor() {
        return Vocabulary.installed().numberFormat(Axis.WEIGHT_FORMAT, format);
    }
}
