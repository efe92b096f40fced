package dev.ablate.compress.quant.ptq;

import java.util.Arrays;

/**
 * The per-channel weight ranges of an {@link EqualizationPair} (Nagel et al. 2019, §4.1): {@code first[i]} is
 * {@code max |W1[i, :]|}, the range of output channel {@code i} of the first layer, and {@code second[i]} is
 * {@code max |W2[:, block i]|}, the range of input channel {@code i} of the second. Equalized pairs have
 * {@code first[i] == second[i]} for every channel that is not all zero.
 *
 * @param first  output-channel ranges of the first layer
 * @param second input-channel ranges of the second layer, same length
 */
public record ChannelRanges(float[] first, float[] second) {
    public ChannelRanges {
        first = first.clone();
        second = second.clone();
        if (first.length != second.length) {
            throw new IllegalArgumentException(first.length + " output ranges but " + second.length
                    + " input ranges; need one of each per channel");
        }
    }

    @Override
    public float[] first() {
        return first.clone();
    }

    @Override
    public float[] second() {
        return second.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelRanges r && Arrays.equals(first, r.first) && Arrays.equals(second, r.second);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(first) + Arrays.hashCode(second);
    }

    @Override
    public String toString() {
        return "ChannelRanges[first=" + Arrays.toString(first) + ", second=" + Arrays.toString(second) + "]";
    }
}
