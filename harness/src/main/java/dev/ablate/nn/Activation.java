package dev.ablate.nn;

import java.util.List;

/**
 * An element-wise activation whose derivative can be computed from its output ({@link ReLU}, {@link Tanh}):
 * the buffers and batch checks live here (the shape in {@link ShapePreservingLayer}); a subclass names the two
 * kernels.
 */
public abstract sealed class Activation extends ShapePreservingLayer permits ReLU, Tanh {

    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private int lastN = -1;

    /**
     * @param name layer name ({@code relu}, {@code tanh})
     * @param size features per example
     * @throws IllegalArgumentException if size is below 1
     */
    Activation(String name, int size) {
        super(name, new int[] {size});
    }

    /** {@code out[i] = f(x[i])} for {@code i < len}. */
    abstract void apply(float[] x, float[] out, int len);

    /** {@code gradIn[i] = gradOut[i] * f'(x[i])}, with {@code f'} computed from the stored output {@code y}. */
    abstract void derivative(float[] y, float[] gradOut, float[] gradIn, int len);

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] forward(float[] x, int n) {
        Linear.checkBatch(x, n, inputSize());
        int len = n * inputSize();
        if (output.length < len) {
            output = new float[len];
        }
        apply(x, output, len);
        lastN = n;
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (n != lastN) {
            throw new IllegalStateException(name() + ": backward for batch " + n + " after forward for batch " + lastN);
        }
        if (!needInputGrad) {
            return null;
        }
        Linear.checkBatch(gradOutput, n, inputSize());
        int len = n * inputSize();
        if (gradInput.length < len) {
            gradInput = new float[len];
        }
        derivative(output, gradOutput, gradInput, len);
        return gradInput;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + inputSize() + ")";
    }
}
