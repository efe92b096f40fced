package dev.ablate.compress.quant.sim;

/**
 * How activations are quantized at every {@link dev.ablate.compress.quant.ActivationSites site}: on an integer
 * grid ({@link ActivationSpec}) or in a scaled float format ({@link FloatActivationSpec}). The simulator asks it
 * for the quantizers of each phase: one that calibrates by observing, and the trainable one QAT starts from it.
 */
public sealed interface ActivationQuantization permits ActivationSpec, FloatActivationSpec {

    /**
     * A quantizer that passes values through and calibrates on them.
     *
     * @param site the site's index in site order
     */
    SiteQuantizer observing(String name, int[] shape, int site);

    /** The quantizer QAT trains, starting from what {@code calibrated} (from {@link #observing}) chose. */
    SiteQuantizer trainable(SiteQuantizer calibrated);
}
