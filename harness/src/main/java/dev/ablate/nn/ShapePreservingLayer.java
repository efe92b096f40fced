package dev.ablate.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A layer whose output has its input's shape (a fake-quantizer, a precision cast): the name and shape
 * bookkeeping live here, a subclass supplies the computation.
 */
public abstract class ShapePreservingLayer implements Layer {

    private final String name;
    private final int[] shape;
    private final int size;

    /**
     * @param name  layer name
     * @param shape shape of one example, as the neighbouring layers see it
     * @throws IllegalArgumentException if the shape is empty or has a dimension below 1
     */
    protected ShapePreservingLayer(String name, int[] shape) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape.clone();
        if (shape.length == 0) {
            throw new IllegalArgumentException(name + ": shape must have at least one dimension");
        }
        int s = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(name + ": bad shape " + Arrays.toString(shape));
            }
            s = Math.multiplyExact(s, d);
        }
        this.size = s;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int inputSize() {
        return size;
    }

    @Override
    public final int outputSize() {
        return size;
    }

    @Override
    public final int[] inputShape() {
        return shape.clone();
    }

    @Override
    public final int[] outputShape() {
        return shape.clone();
    }
}
