package dev.ablate.metrics.cost;

import java.util.Objects;

/**
 * One weight tensor as it is stored after compression: the input of {@link PackedSize}.
 *
 * <p>The arrays are held as given, not copied (weight tensors are large); the caller must not change them
 * while the tensor is being packed. An element is pruned, and so not stored by the sparse encodings, when its
 * value is {@code 0f} ({@code -0f} counts as zero too).
 *
 * @param layer        parameter name as PyTorch spells it, e.g. {@code fc1.weight}
 * @param values       the flattened tensor (row-major), dequantized, exactly zero where pruned
 * @param elementBits  bits per stored element, 1 to 32: 32 for unquantized fp32, the format's width otherwise
 * @param overheadBits bits of the shared parameters the quantizer computed (scales, zero points, block
 *                     exponents, codebook entries); added to the size as they are
 * @param symbols      the integer code of each element (a quantization level or codebook index), used as its
 *                     Huffman symbol; {@code null} to use the value's bit pattern ({@link Float#floatToIntBits})
 * @throws NullPointerException     if {@code layer} or {@code values} is null
 * @throws IllegalArgumentException if {@code elementBits} is outside 1..32, {@code overheadBits} is negative, or
 *                                  {@code symbols} is not as long as {@code values}
 */
public record WeightTensor(String layer, float[] values, int elementBits, long overheadBits, int[] symbols) {

    /** Validates the arguments. */
    public WeightTensor {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(values, () -> layer + ": values");
        if (elementBits < 1 || elementBits > Float.SIZE) {
            throw new IllegalArgumentException(layer + ": elementBits must be in 1..32, got " + elementBits);
        }
        if (overheadBits < 0) {
            throw new IllegalArgumentException(layer + ": overheadBits must be >= 0, got " + overheadBits);
        }
        if (symbols != null && symbols.length != values.length) {
            throw new IllegalArgumentException(layer + ": symbols has " + symbols.length + " entries, values has "
                    + values.length);
        }
    }

    /** The Huffman symbol of element {@code i}. */
    int symbol(int i) {
        return symbols == null ? Float.floatToIntBits(values[i]) : symbols[i];
    }
}
