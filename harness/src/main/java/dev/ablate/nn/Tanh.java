package dev.ablate.nn;

import java.util.List;

/**
 * Element-wise hyperbolic tangent; backward uses {@code 1 - tanh(x)^2} from the stored output.
 *
 * <p>Tanh and {@link ReLU} deliberately do not share a base class: with one, the call to the vector kernel
 * becomes bimorphic, C2 stops intrinsifying it and every training step allocates (TrainingAllocationTest).
 */
public final class Tanh implements Layer {

    private final int size;
    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private int lastN = -1;

    /**
     * @param size features per example
     * @throws IllegalArgumentException if size is below 1
     */
    public Tanh(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Tanh size must be at least 1, got " + size);
        }
        this.size = size;
    }

    @Override
    public String name() {
        return "tanh";
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
        VectorKernels.tanh(x, output, len);
        lastN = n;
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (n != lastN) {
            throw new IllegalStateException("tanh: backward for batch " + n + " after forward for batch " + lastN);
        }
        if (!needInputGrad) {
            return null;
        }
        Linear.checkBatch(gradOutput, n, size);
        int len = n * size;
        if (gradInput.length < len) {
            gradInput = new float[len];
        }
        VectorKernels.tanhBackward(output, gradOutput, gradInput, len);
        return gradInput;
    }

    @Override
    public Tanh copy() {
        return new Tanh(size);
    }

    @Override
    public String toString() {
        return "Tanh(" + size + ")";
    }
}
