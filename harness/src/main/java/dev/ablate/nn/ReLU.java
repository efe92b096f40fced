package dev.ablate.nn;

/**
 * Element-wise {@code max(x, 0)}. Its derivative is taken as 1 where the input is {@code > 0} and 0 where it
 * is {@code <= 0}, as PyTorch does.
 */
public final class ReLU extends Activation {

    /**
     * @param size features per example
     * @throws IllegalArgumentException if size is below 1
     */
    public ReLU(int size) {
        super("relu", size);
    }

    @Override
    void apply(float[] x, float[] out, int len) {
        VectorKernels.relu(x, out, len);
    }

    @Override
    void derivative(float[] y, float[] gradOut, float[] gradIn, int len) {
        // y > 0 exactly where the input was > 0
        VectorKernels.reluBackward(y, gradOut, gradIn, len);
    }

    @Override
    public ReLU copy() {
        return new ReLU(inputSize());
    }
}
