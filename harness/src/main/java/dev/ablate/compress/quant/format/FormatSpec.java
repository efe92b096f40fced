package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.spec.Granularity;

import java.util.Objects;

/**
 * What a user asked for, before validation: the parts of {@code compress.quantize.weights} that pick a
 * {@link dev.ablate.compress.quant.TensorFormat}. {@link TensorFormats#create} checks the combination.
 *
 * @param format          a spelling from {@link TensorFormats#NAMES}
 * @param bits            element width; must equal the width of fixed-width formats
 * @param symmetric       {@code int}: signed symmetric ({@code true}) or unsigned affine; other formats are
 *                        sign-symmetric by construction and need {@code true}
 * @param granularity     how many scale sets (see {@link TensorFormats#create} for which formats take which)
 * @param groupSize       elements per group; at least 1 for per-group, 0 otherwise
 * @param rounding        nearest-even or stochastic
 * @param powerOfTwoScale {@code int}: round scales up to powers of two; MX scales always are
 */
public record FormatSpec(String format, int bits, boolean symmetric, Granularity granularity, int groupSize,
                         Rounding rounding, boolean powerOfTwoScale) {

    /** Checks the components are present. */
    public FormatSpec {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(rounding, "rounding");
    }

    /** A per-tensor, symmetric, nearest-even spec: the defaults for everything but the format and width. */
    public static FormatSpec of(String format, int bits) {
        return new FormatSpec(format, bits, true, Granularity.PER_TENSOR, 0, Rounding.NEAREST_EVEN, false);
    }
}
