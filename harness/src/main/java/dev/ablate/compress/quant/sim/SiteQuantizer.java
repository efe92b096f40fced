package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.Observer;
import dev.ablate.nn.ShapePreservingLayer;

import java.util.Arrays;

/**
 * The fake quantizer at one {@link dev.ablate.compress.quant.ActivationSites activation site}: integer
 * ({@link ActivationQuantizer}) or scaled float ({@link FloatActivationQuantizer}). Either calibrates by
 * observing (identity; the gradient passes unchanged), or fake-quantizes, fixed or while training its
 * parameters; {@link #frozen()} gives the fixed form that simulated networks hold. This class runs the batches
 * and keeps the buffers; a subclass says what observing and quantizing are, and how the gradient goes back
 * (the straight-through estimator by default). Not thread-safe, like every layer.
 */
public abstract sealed class SiteQuantizer extends ShapePreservingLayer
        permits ActivationQuantizer, FloatActivationQuantizer {

    private final Observer observer;
    private float[] output = new float[0];
    private byte[] mask = new byte[0];
    private float[] gradInput = new float[0];
    private float[] lastInput;
    private int lastN;
    private boolean training;

    /**
     * @param name     the site's name ({@code act0}, {@code act1}, ...)
     * @param shape    one example's shape at the site
     * @param observer the observer a calibrating quantizer feeds, {@code null} for one that quantizes
     */
    SiteQuantizer(String name, int[] shape, Observer observer) {
        super(name, shape);
        this.observer = observer;
    }

    /** The quantizer with fixed parameters, those inference uses now; same name and shape. */
    public abstract SiteQuantizer frozen();

    /** Whether this quantizer calibrates (passes values through to its observer) rather than quantizes. */
    final boolean observing() {
        return observer != null;
    }

    /**
     * The observer of a calibrating quantizer.
     *
     * @throws IllegalStateException if this quantizer quantizes
     */
    final Observer observer() {
        if (observer == null) {
            throw new IllegalStateException(name() + " quantizes; it has no observer");
        }
        return observer;
    }

    /**
     * Fake-quantizes the first {@code length} values of {@code x} into {@code out}, updating trained parameters
     * first when {@code training}.
     *
     * @param steMask receives 1 where the straight-through estimator passes the gradient, 0 where it blocks it
     */
    abstract void quantize(float[] x, int length, boolean training, float[] out, byte[] steMask);

    /**
     * The gradient with respect to the input of the last batch: by default the straight-through estimator,
     * {@code gradInput = gradOutput * steMask}.
     */
    void backward(float[] input, float[] gradOutput, int length, byte[] steMask, float[] gradInput) {
        StraightThrough.apply(gradOutput, steMask, length, gradInput);
    }

    @Override
    public void setTraining(boolean training, long seed) {
        this.training = training;
    }

    @Override
    public final float[] forward(float[] x, int n) {
        int length = checkBatch(x, n);
        lastInput = x;
        lastN = n;
        if (observing()) {
            observer.observe(x.length == length ? x : Arrays.copyOf(x, length));
            return x;
        }
        if (output.length < length) {
            output = new float[length];
            mask = new byte[length];
        }
        quantize(x, length, training, output, mask);
        return output;
    }

    @Override
    public final float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (lastInput == null || n != lastN) {
            throw new IllegalStateException(name() + ": backward for batch " + n + " after forward for batch " + lastN);
        }
        int length = checkBatch(gradOutput, n);
        if (observing()) {
            return needInputGrad ? gradOutput : null;
        }
        if (gradInput.length < length) {
            gradInput = new float[length];
        }
        backward(lastInput, gradOutput, length, mask, gradInput);
        return needInputGrad ? gradInput : null;
    }

    private int checkBatch(float[] a, int n) {
        if (n < 1 || (long) n * inputSize() > a.length) {
            throw new IllegalArgumentException(name() + ": batch of " + n + " x " + inputSize()
                    + " does not fit an array of " + a.length);
        }
        return n * inputSize();
    }
}
