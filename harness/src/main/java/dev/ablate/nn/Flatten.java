package dev.ablate.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Reshapes each example from {@code inputShape} (e.g. {@code [C, H, W]}) to the flat {@code [C*H*W]}, in NCHW
 * order (feature index {@code c*H*W + h*W + w}), like {@code torch.flatten(x, 1)}. Activations are already
 * stored that way, so this layer is shape bookkeeping only: forward returns its input array and backward its
 * gradient array, both unchanged and uncopied.
 */
public final class Flatten implements Layer {

    private final int[] shape;
    private final int size;

    /**
     * @param inputShape one example's shape, every dimension at least 1
     * @throws IllegalArgumentException if the shape is empty, has a dimension below 1 or is too large
     */
    public Flatten(int... inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("Flatten needs a non-empty input shape");
        }
        long s = 1;
        for (int d : inputShape) {
            if (d < 1) {
                throw new IllegalArgumentException("Flatten: bad input shape " + Arrays.toString(inputShape));
            }
            s *= d;
        }
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Flatten: input shape " + Arrays.toString(inputShape) + " is too large");
        }
        this.shape = inputShape.clone();
        this.size = (int) s;
    }

    @Override
    public String name() {
        return "flatten";
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
    public int[] inputShape() {
        return shape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] forward(float[] x, int n) {
        Linear.checkBatch(x, n, size);
        return x;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        return needInputGrad ? gradOutput : null;
    }

    @Override
    public Flatten copy() {
        return new Flatten(shape);
    }

    @Override
    public String toString() {
        return "Flatten(" + Arrays.toString(shape) + ")";
    }
}
