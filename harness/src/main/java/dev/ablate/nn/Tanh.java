package dev.ablate.nn;

/** Element-wise hyperbolic tangent; backward uses {@code 1 - tanh(x)^2} from the stored output. */
public final class Tanh extends Activation {

    /**
     * @param size features per example
     * @throws IllegalArgumentException if size is below 1
     */
    public Tanh(int size) {
        super("tanh", size);
    }

    @Override
    void apply(float[] x, float[] out, int len) {
        VectorKernels.tanh(x, out, len);
    }

    @Override
    void derivative(float[] y, float[] gradOut, float[] gradIn, int len) {
        VectorKernels.tanhBackward(y, gradOut, gradIn, len);
    }

    @Override
    public Tanh copy() {
        return new Tanh(inputSize());
    }
}
