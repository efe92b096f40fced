package dev.ablate.compress.quant.ptq;

/**
 * Two consecutive weight layers that cross-layer equalization rescales together: output channel {@code i} of
 * {@code first} feeds, through positively homogeneous layers only, the {@code i}-th contiguous block of
 * {@code block} input columns of every row of {@code second}'s weight.
 *
 * @param first    name of the first layer, e.g. {@code conv2}
 * @param second   name of the second layer, e.g. {@code fc1}
 * @param channels output channels of {@code first}, at least 1
 * @param block    input columns of {@code second} per channel: 1 for Linear→Linear, {@code kh * kw} for
 *                 Conv→Conv, {@code H * W} for Conv→Flatten→Linear; at least 1
 */
public record EqualizationPair(String first, String second, int channels, int block) {
    public EqualizationPair {
        if (channels < 1 || block < 1) {
            throw new IllegalArgumentException(first + " -> " + second + ": channels=" + channels + " and block="
                    + block + " must be at least 1");
        }
    }
}
