package dev.ablate.metrics.cost;

import java.util.List;
import java.util.Objects;

/**
 * The packed size of a whole model, as {@link PackedSize#model} counts it: the {@code model_bytes} and
 * {@code compression_ratio} of a trial row.
 *
 * @param layers     the packed weight tensors, in the order given
 * @param otherBits  bits of the parameters left in fp32 (biases, BatchNorm parameters), 32 per element
 * @param bytes      the packed size, {@code ceil((Σ totalBits + otherBits) / 8)}
 * @param codedBytes the entropy-coded size, {@code ceil((Σ codedBits + otherBits) / 8)}
 * @param fp32Bytes  the size of the same parameters all in fp32, 4 bytes per element
 * @throws IllegalArgumentException if a size is negative
 */
public record ModelPacking(List<PackedLayer> layers, long otherBits, long bytes, long codedBytes, long fp32Bytes) {

    /** Copies the layer list and validates the sizes. */
    public ModelPacking {
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (otherBits < 0 || bytes < 0 || codedBytes < 0 || fp32Bytes < 0) {
            throw new IllegalArgumentException("sizes must be >= 0, got otherBits " + otherBits + ", bytes "
                    + bytes + ", codedBytes " + codedBytes + ", fp32Bytes " + fp32Bytes);
        }
    }

    /**
     * {@code fp32Bytes / bytes}: infinite when nothing needs storing but the model has parameters (all pruned,
     * no overhead), NaN for a model without parameters.
     */
    public double compressionRatio() {
        return (double) fp32Bytes / bytes;
    }

    /** {@code fp32Bytes / codedBytes}, infinite or NaN as {@link #compressionRatio()}. */
    public double codedCompressionRatio() {
        return (double) fp32Bytes / codedBytes;
    }
}
