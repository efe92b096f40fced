package dev.ablate.metrics.cost;

/**
 * What one layer does for one example, as the {@link EnergyModel} needs it.
 *
 * @param layer              layer name, PyTorch style ({@code fc1})
 * @param macsDense          multiply-accumulates of the dense layer
 * @param macsEffective      multiply-accumulates left after sparsity (zero weights skipped), at most
 *                           {@code macsDense}
 * @param weightBits         weight operand width
 * @param activationBits     activation operand width; for floating-point arithmetic also the float width it runs
 *                           at (32 for fp32, 16 for fp16 and bf16)
 * @param integerArithmetic  true when weights and activations are both integers (integer kernels); false for
 *                           floating-point arithmetic, e.g. fp32, or weight-only quantization dequantized to float
 * @param weightStorageBits  packed size of the layer's weights in bits, including scales, zero points,
 *                           codebooks and sparse indices
 * @param activationsIn      input activation elements
 * @param activationsOut     output activation elements
 */
public record LayerCompute(String layer, long macsDense, long macsEffective, int weightBits, int activationBits,
        boolean integerArithmetic, long weightStorageBits, long activationsIn, long activationsOut) {

    /**
     * @throws IllegalArgumentException if the name is blank, a count is negative, {@code macsEffective} exceeds
     *                                  {@code macsDense}, or a width is not positive
     */
    public LayerCompute {
        if (layer == null || layer.isBlank()) {
            throw new IllegalArgumentException("layer must not be blank, got '" + layer + "'");
        }
        if (macsEffective < 0 || macsEffective > macsDense) {
            throw new IllegalArgumentException(layer + ": macsEffective must be in [0, macsDense = " + macsDense
                    + "], got " + macsEffective);
        }
        if (weightBits < 1 || activationBits < 1) {
            throw new IllegalArgumentException(layer + ": bit widths must be positive, got weightBits = " + weightBits
                    + ", activationBits = " + activationBits);
        }
        if (weightStorageBits < 0 || activationsIn < 0 || activationsOut < 0) {
            throw new IllegalArgumentException(layer + ": sizes must not be negative, got weightStorageBits = "
                    + weightStorageBits + ", activationsIn = " + activationsIn + ", activationsOut = " + activationsOut);
        }
    }

    /**
     * Bit operations: {@code macsEffective × weightBits × activationBits}.
     *
     * @throws ArithmeticException if the product overflows a long
     */
    public long bops() {
        return Math.multiplyExact(Math.multiplyExact(macsEffective, (long) weightBits), (long) activationBits);
    }
}
