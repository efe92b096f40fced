package dev.ablate.spec;

import java.util.Objects;

/**
 * How weights are quantized ({@code compress.quantize.weights}).
 *
 * @param format      number format ({@code int})
 * @param bits        bit width
 * @param symmetric   {@code true}: signed range [-2^(b-1), 2^(b-1)-1], zero point 0 (PyTorch
 *                    {@code qint8}/{@code *_symmetric}); {@code false}: unsigned affine [0, 2^b-1] with a zero point
 * @param granularity per-tensor or per-channel
 */
public record WeightQuantConfig(String format, int bits, boolean symmetric, Granularity granularity) {
    public WeightQuantConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(granularity, "granularity");
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits must be in [1, 16], got " + bits);
        }
    }
}
