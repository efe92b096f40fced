package dev.ablate.compress.quant;

/**
 * Watches the tensors that flow through one quantization point (a weight, or the activations at a layer
 * boundary during calibration) and turns what it saw into integer {@link QParams}. Implementations differ in
 * how they choose the clipping range: the running min/max ({@link MinMaxObserver}), a moving average of it,
 * a percentile, the MSE-optimal clip, or the KL/entropy-optimal clip of a histogram. Observers are stateful
 * and not thread-safe.
 */
public interface Observer {

    /**
     * Adds a tensor to what has been observed.
     *
     * @param x row-major values; per-channel observers split it into equal contiguous blocks along axis 0
     * @return this observer
     */
    Observer observe(float[] x);

    /**
     * The quantization parameters for everything observed so far.
     *
     * @throws IllegalStateException if nothing was observed
     */
    QParams calculateQParams();

    /** The integer codes the parameters are computed for. */
    IntRange range();
}
