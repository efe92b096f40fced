package dev.ablate.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, trainable tensor with its gradient, and optionally a pruning mask.
 *
 * <p>Names and layouts follow PyTorch: {@code fc1.weight} has shape {@code [out, in]}, {@code fc1.bias}
 * shape {@code [out]}. {@link #data()} and {@link #grad()} are the live row-major buffers (no copies): layers
 * and optimizers write into them in place.
 *
 * <p>Mask invariant: when a mask is set, every element whose mask is 0 has value exactly {@code 0f} in
 * {@link #data()}; {@link #maskGradient()} zeroes the matching gradients and {@link Sgd} re-applies the mask
 * after each update, so masked weights stay exactly zero through training. Only {@link #prunable()}
 * parameters (weights, not biases) may carry a mask.
 */
public final class Parameter {

    private final String name;
    private final int[] shape;
    private final boolean prunable;
    private final float[] data;
    private final float[] grad;
    private float[] mask;

    /**
     * Creates a zero-valued parameter.
     *
     * @param name     PyTorch-style name, e.g. {@code fc1.weight}
     * @param shape    dimensions, row-major; every dimension at least 1
     * @param prunable whether pruning may mask it (weights: yes, biases: no)
     * @throws IllegalArgumentException if the shape is empty or has a non-positive dimension
     */
    public Parameter(String name, int[] shape, boolean prunable) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape.clone();
        this.prunable = prunable;
        if (shape.length == 0) {
            throw new IllegalArgumentException(name + ": shape must have at least one dimension");
        }
        long size = 1;
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException(name + ": bad shape " + Arrays.toString(shape));
            }
            size *= s;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " is too large");
        }
        this.data = new float[(int) size];
        this.grad = new float[(int) size];
    }

    /** PyTorch-style name, e.g. {@code fc2.bias}. */
    public String name() {
        return name;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Whether pruning may mask this parameter: true for weights, false for biases. */
    public boolean prunable() {
        return prunable;
    }

    /** The live values (row-major); writing into them changes the parameter. */
    public float[] data() {
        return data;
    }

    /** The live gradient buffer, same layout as {@link #data()}; overwritten by each backward pass. */
    public float[] grad() {
        return grad;
    }

    /** The live mask (1 = kept, 0 = pruned), or {@code null} if none is set. */
    public float[] mask() {
        return mask;
    }

    /**
     * Sets (a copy of) the mask and zeroes the masked values; {@code null} removes the mask (values stay as
     * they are).
     *
     * @throws IllegalArgumentException if this parameter is not prunable, the length differs from
     *                                  {@link #size()} or an element is neither 0 nor 1
     */
    public void setMask(float[] newMask) {
        if (newMask == null) {
            mask = null;
            return;
        }
        if (!prunable) {
            throw new IllegalArgumentException(name + " is not prunable");
        }
        if (newMask.length != data.length) {
            throw new IllegalArgumentException(name + ": mask has " + newMask.length + " elements, expected " + data.length);
        }
        for (int i = 0; i < newMask.length; i++) {
            if (newMask[i] != 0f && newMask[i] != 1f) {
                throw new IllegalArgumentException(name + ": mask[" + i + "] = " + newMask[i] + ", expected 0 or 1");
            }
        }
        mask = newMask.clone();
        applyMask();
    }

    /** Zeroes the values whose mask is 0 (no-op without a mask). */
    void applyMask() {
        if (mask != null) {
            for (int i = 0; i < data.length; i++) {
                if (mask[i] == 0f) {
                    data[i] = 0f;
                }
            }
        }
    }

    /** Zeroes the gradients whose mask is 0 (no-op without a mask). */
    public void maskGradient() {
        if (mask != null) {
            for (int i = 0; i < grad.length; i++) {
                if (mask[i] == 0f) {
                    grad[i] = 0f;
                }
            }
        }
    }

    /** Number of values that are not zero. */
    public int nonzeroCount() {
        int n = 0;
        for (float v : data) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }

    /** Deep copy: values and mask (gradients start at zero). */
    public Parameter copy() {
        Parameter p = new Parameter(name, shape, prunable);
        System.arraycopy(data, 0, p.data, 0, data.length);
        p.mask = mask == null ? null : mask.clone();
        return p;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + (mask == null ? "" : " (masked)");
    }
}
