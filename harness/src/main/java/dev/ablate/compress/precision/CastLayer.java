package dev.ablate.compress.precision;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.nn.ShapePreservingLayer;
import dev.ablate.nn.Parameter;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The cast between two layers of a low-precision training network: the forward pass rounds the tensor flowing
 * forward to the activation format, the backward pass rounds the gradient flowing back to the gradient format.
 * The backward pass treats the forward rounding as the identity (the straight-through estimator every
 * low-precision training scheme uses), so with an fp32 gradient format it passes the gradient through unchanged.
 *
 * <p>Stochastic rounding draws from the layer's own generator, restarted by every {@link #setTraining} call from
 * the layer's seed and the call's (as {@link dev.ablate.nn.Dropout} does), so each training epoch and each
 * evaluation pass draws a reproducible stream whatever ran before it. Not thread-safe.
 */
public final class CastLayer extends ShapePreservingLayer {

    private final ScalarFormat activations;
    private final ScalarFormat gradients;
    private final Rounding rounding;
    private final long seed;
    private SplittableRandom rng;
    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private int lastN = -1;

    /**
     * @param name        layer name, e.g. {@code cast(fc1)}
     * @param shape       shape of one example, as the neighbouring layers see it
     * @param activations format of the forward tensor
     * @param gradients   format of the backward tensor
     * @param rounding    rounding of both casts
     * @param seed        seed of the stochastic-rounding generator
     */
    CastLayer(String name, int[] shape, ScalarFormat activations, ScalarFormat gradients, Rounding rounding,
              long seed) {
        super(name, shape);
        this.activations = Objects.requireNonNull(activations, "activations");
        this.gradients = Objects.requireNonNull(gradients, "gradients");
        this.rounding = Objects.requireNonNull(rounding, "rounding");
        this.seed = seed;
        this.rng = new SplittableRandom(seed);
    }






    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] forward(float[] x, int n) {
        output = castInto(x, n, output, activations);
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
        gradInput = castInto(gradOutput, n, gradInput, gradients);
        return gradInput;
    }

    /** Copies {@code n} examples of {@code source} into {@code buffer} (grown if short) and rounds them there. */
    private float[] castInto(float[] source, int n, float[] buffer, ScalarFormat format) {
        int len = n * inputSize();
        if (n < 1 || len > source.length) {
            throw new IllegalArgumentException(name() + ": batch of " + n + " x " + inputSize() + " does not fit an array of "
                    + source.length);
        }
        float[] out = buffer.length < len ? new float[len] : buffer;
        System.arraycopy(source, 0, out, 0, len);
        format.round(out, 0, len, rounding, rng);
        return out;
    }

    /** A cast with the same formats and seed, its generator restarted. */
    @Override
    public CastLayer copy() {
        return new CastLayer(name(), inputShape(), activations, gradients, rounding, seed);
    }

    @Override
    public void setTraining(boolean training, long seed) {
        rng = new SplittableRandom(this.seed ^ seed);
    }

    @Override
    public String toString() {
        return "Cast(" + name() + ", " + activations.name() + " / " + gradients.name() + ", " + rounding.specName() + ")";
    }
}
