package dev.ablate.spec;

/**
 * How activations are quantized ({@code compress.quantize.activations}): integer fake-quantization at every
 * activation site, with ranges calibrated on training batches.
 *
 * @param bits               bit width
 * @param symmetric          signed symmetric ({@code true}) or unsigned affine ({@code false}, the usual choice
 *                           after ReLU)
 * @param calibration        observer: {@code minmax}, {@code moving-average}, {@code percentile}, {@code mse} or
 *                           {@code kl}
 * @param calibrationBatches training batches run through the model to calibrate (never test data)
 * @param percentile         the percentile of {@code calibration: percentile}
 */
public record ActivationQuantConfig(int bits, boolean symmetric, String calibration, int calibrationBatches,
                                    double percentile) {
}
