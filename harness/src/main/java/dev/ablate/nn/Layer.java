package dev.ablate.nn;

import java.util.List;

/**
 * One stage of a sequential network, with an explicit forward and backward pass over a mini-batch.
 *
 * <p>Batches are row-major: {@code n} examples of {@link #inputSize()} floats, example {@code i} at offset
 * {@code i * inputSize()}. To keep the training loop free of per-step allocation, a layer owns its output
 * and input-gradient buffers and reuses them: the arrays returned by {@link #forward} and {@link #backward}
 * are valid until the next call of the same method and may be longer than the batch needs (only the first
 * {@code n * size} elements are meaningful). A layer keeps a reference to its last forward input for the
 * backward pass, so the caller must not modify that input in between. Layers are not thread-safe.
 */
public interface Layer {

    /** Layer name used as the parameter-name prefix ({@code fc1}), or a descriptive name for stateless layers. */
    String name();

    /** Features per example going in. */
    int inputSize();

    /** Features per example coming out. */
    int outputSize();

    /**
     * Shape of one input example, e.g. {@code [C, H, W]} for image layers (NCHW without the batch dimension);
     * the product equals {@link #inputSize()}. Defaults to the flat {@code [inputSize()]}.
     */
    default int[] inputShape() {
        return new int[] {inputSize()};
    }

    /** Shape of one output example; the product equals {@link #outputSize()}. Defaults to {@code [outputSize()]}. */
    default int[] outputShape() {
        return new int[] {outputSize()};
    }

    /** The trainable parameters, in PyTorch's order (weight, then bias); empty for stateless layers. */
    List<Parameter> parameters();

    /**
     * Computes the layer's output for a batch.
     *
     * @param x {@code n * inputSize()} inputs (the array may be longer)
     * @param n batch size, at least 1
     * @return the layer-owned output buffer holding {@code n * outputSize()} values
     */
    float[] forward(float[] x, int n);

    /**
     * Back-propagates through the last {@link #forward} call: overwrites every parameter's gradient with
     * d loss / d parameter (masked entries zero) and returns d loss / d input.
     *
     * @param gradOutput      {@code n * outputSize()} values of d loss / d output
     * @param n               the batch size of the last forward call
     * @param needInputGrad   whether to compute d loss / d input (the first layer does not need it)
     * @return the layer-owned buffer with {@code n * inputSize()} input gradients, or {@code null} when
     *         {@code needInputGrad} is false
     */
    float[] backward(float[] gradOutput, int n, boolean needInputGrad);

    /** A deep copy: parameters, masks and state (e.g. running statistics) copied, buffers fresh. */
    Layer copy();

    /**
     * Switches between training behaviour (dropout active, batch statistics updated) and inference. Layers
     * that draw random numbers seed their generator from {@code seed} and their name, so training is
     * reproducible wherever it runs. Layers without such behaviour ignore the call.
     */
    default void setTraining(boolean training, long seed) {
    }

    /** Multiply-accumulate operations of one example's forward pass through this layer (0 if none). */
    default long macs() {
        return 0;
    }
}
