package dev.ablate.metrics.cost;

import java.util.Objects;
import java.util.Set;

/**
 * The packed size of one weight tensor in the cheapest of three encodings, as {@link PackedSize#pack} counts it.
 *
 * @param layer             parameter name, e.g. {@code fc1.weight}
 * @param elements          elements of the tensor
 * @param nonzero           elements that are not zero
 * @param elementBits       bits per stored value
 * @param encoding          {@link #DENSE}, {@link #BITMASK} or {@link #RELATIVE_INDEX}
 * @param relativeIndexBits bits of each relative index (1 to {@link PackedSize#MAX_RELATIVE_INDEX_BITS}) for
 *                          {@link #RELATIVE_INDEX}, 0 for the other encodings
 * @param valueBits         bits of the stored values (for {@link #RELATIVE_INDEX} including the filler zeros)
 * @param sparseIndexBits   bits locating the stored values: the mask, the relative indices, or 0 when dense
 * @param overheadBits      bits of the shared quantization parameters, as the {@link WeightTensor} gave them
 * @param codedBits         the entropy-coded size, at most {@link #totalBits()}; see {@link PackedSize}
 * @throws IllegalArgumentException if the encoding is unknown, {@code relativeIndexBits} does not fit the
 *                                  encoding, a count is negative, {@code nonzero > elements}, or
 *                                  {@code codedBits > totalBits()}
 */
public record PackedLayer(String layer, long elements, long nonzero, int elementBits, String encoding,
                          int relativeIndexBits, long valueBits, long sparseIndexBits, long overheadBits,
                          long codedBits) {

    /** Every element stored, no index. */
    public static final String DENSE = "dense";
    /** One mask bit per element, then the nonzero values. */
    public static final String BITMASK = "bitmask";
    /** The nonzero values with relative indices and filler zeros (Deep Compression §3, Fig. 2). */
    public static final String RELATIVE_INDEX = "relative-index";

    private static final Set<String> ENCODINGS = Set.of(DENSE, BITMASK, RELATIVE_INDEX);

    /** Validates the arguments. */
    public PackedLayer {
        Objects.requireNonNull(layer, "layer");
        if (!ENCODINGS.contains(encoding)) {
            throw new IllegalArgumentException(layer + ": unknown encoding '" + encoding + "'");
        }
        boolean relative = RELATIVE_INDEX.equals(encoding);
        if (relative ? relativeIndexBits < 1 || relativeIndexBits > PackedSize.MAX_RELATIVE_INDEX_BITS
                : relativeIndexBits != 0) {
            throw new IllegalArgumentException(layer + ": relativeIndexBits " + relativeIndexBits
                    + " does not fit encoding '" + encoding + "'");
        }
        if (elements < 0 || nonzero < 0 || nonzero > elements || elementBits < 1 || valueBits < 0
                || sparseIndexBits < 0 || overheadBits < 0 || codedBits < 0) {
            throw new IllegalArgumentException(layer + ": negative or inconsistent counts: elements " + elements
                    + ", nonzero " + nonzero + ", elementBits " + elementBits + ", valueBits " + valueBits
                    + ", sparseIndexBits " + sparseIndexBits + ", overheadBits " + overheadBits
                    + ", codedBits " + codedBits);
        }
        if (codedBits > valueBits + sparseIndexBits + overheadBits) {
            throw new IllegalArgumentException(layer + ": codedBits " + codedBits + " exceeds totalBits "
                    + (valueBits + sparseIndexBits + overheadBits));
        }
    }

    /** Bits of the packed tensor without entropy coding: values, sparse index and overhead. */
    public long totalBits() {
        return valueBits + sparseIndexBits + overheadBits;
    }
}
