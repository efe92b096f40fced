package dev.ablate.compress.quant.sim;

import dev.ablate.nn.ShapePreservingLayer;

/**
 * The fake quantizer at one {@link dev.ablate.compress.quant.ActivationSites activation site}: integer
 * ({@link ActivationQuantizer}) or scaled float ({@link FloatActivationQuantizer}). Either calibrates by
 * observing, trains, or applies fixed parameters; {@link #frozen()} gives the fixed form that simulated
 * networks hold.
 */
public abstract sealed class SiteQuantizer extends ShapePreservingLayer
        permits ActivationQuantizer, FloatActivationQuantizer {

    /**
     * @param name  the site's name ({@code act0}, {@code act1}, ...)
     * @param shape one example's shape at the site
     */
    SiteQuantizer(String name, int[] shape) {
        super(name, shape);
    }

    /** The quantizer with fixed parameters, those inference uses now; same name and shape. */
    public abstract SiteQuantizer frozen();

    /**
     * The number of values a batch of {@code n} examples holds, checked against the array.
     *
     * @throws IllegalArgumentException if the batch does not fit {@code a}
     */
    final int checkBatch(float[] a, int n) {
        if (n < 1 || (long) n * inputSize() > a.length) {
            throw new IllegalArgumentException(name() + ": batch of " + n + " x " + inputSize()
                    + " does not fit an array of " + a.length);
        }
        return n * inputSize();
    }
}
