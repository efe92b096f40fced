package dev.ablate.nn;

import java.util.List;

/**
 * Element-wise {@code max(x, 0)}. Its derivative is taken as 1 where the input is {@code > 0} and 0 where it
 * is {@code <= 0}, as PyTorch does.
 */
public final class ReLU implements Layer {

    private final int size;
    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private int lastN;

    /**
     * @param size features per example
     * @throws IllegalArgumentException if size is below 1
     */
    public ReLU(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ReLU size must be at least 1, got " + size);
        }
        this.size = size;
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] forward(float[] x, int n) {
        Linear.checkBatch(x, n, size);
        int len = n * size;
        if (output.length < len) {
            output = new float[len];
        }
        VectorKernels.relu(x, output, len);
        lastN = n;
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (n != lastN) {
            throw new IllegalStateException("relu: backward for batch " + n + " after forward for batch " + lastN);
        }
        if (!needInputGrad) {
            return null;
        }
        Linear.checkBatch(gradOutput, n, size);
        int len = n * size;
        if (gradInput.length < len) {
            gradInput = new float[len];
        }
        // output > 0 exactly where the input was > 0
        VectorKernels.reluBackward(output, gradOutput, gradInput, len);
        return gradInput;
    }

    @Override
    public ReLU copy() {
        return new ReLU(size);
    }

    @Override
    public String toString() {
        return "ReLU(" + size + ")";
    }
}
