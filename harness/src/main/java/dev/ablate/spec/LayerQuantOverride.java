package dev.ablate.spec;

/**
 * A per-layer override of the weight quantization ({@code compress.quantize.layers.<name>}); {@code null}
 * fields keep the step's value.
 *
 * @param format      number format, or null
 * @param bits        bit width, or null
 * @param symmetric   integer scheme, or null
 * @param granularity granularity, or null
 */
public record LayerQuantOverride(String format, Integer bits, Boolean symmetric, Granularity granularity) {

    /** {@code base} with the non-null fields of this override. */
    public WeightQuantConfig applyTo(WeightQuantConfig base) {
        return new WeightQuantConfig(format == null ? base.format() : format, bits == null ? base.bits() : bits,
                symmetric == null ? base.symmetric() : symmetric, granularity == null ? base.granularity() : granularity,
                base.groupSize(), base.rounding(), base.powerOfTwo(), base.calibration(), base.percentile());
    }
}
