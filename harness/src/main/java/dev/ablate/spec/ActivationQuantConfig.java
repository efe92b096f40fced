package dev.ablate.spec;

/**
 * How activations are quantized ({@code compress.quantize.activations}): fake quantization at every activation
 * site, per tensor, with ranges calibrated on training batches.
 *
 * @param format             {@code int} (integer grid) or a scaled float format ({@code fp8-e4m3},
 *                           {@code fp8-e5m2}, {@code fp4-e2m1}: a float32 scale maps the calibrated range onto
 *                           the format's largest value)
 * @param bits               {@code int}: bit width; float formats: their width
 * @param symmetric          {@code int}: signed symmetric ({@code true}) or unsigned affine ({@code false}, the
 *                           usual choice after ReLU); float formats are symmetric
 * @param calibration        observer: {@code minmax}, {@code moving-average}, {@code percentile}, {@code mse} or
 *                           ({@code int} only) {@code kl}
 * @param calibrationBatches training batches run through the model to calibrate (never test data)
 * @param percentile         the percentile of {@code calibration: percentile}
 */
public record ActivationQuantConfig(String format, int bits, boolean symmetric, String calibration,
                                    int calibrationBatches, double percentile) {

    /** Whether the activations are on an integer grid. */
    public boolean integer() {
        return "int".equals(format);
    }
}
