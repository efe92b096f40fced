package dev.ablate.run;

/**
 * How one weight layer of a trial's final model was quantized, and what quantizing it alone cost (a row of the
 * {@code layers} table). Fields that do not apply are null.
 *
 * @param layer         layer name
 * @param params        weight parameters
 * @param nonzero       nonzero weights after quantization
 * @param format        weight format
 * @param bits          bits per element
 * @param overheadBits  bits of the layer's shared quantization parameters: scales, zero points, block exponents,
 *                      codebook entries
 * @param granularity   granularity spelling, or null for formats without one
 * @param scaleMin      smallest scale, or null
 * @param scaleMax      largest scale, or null
 * @param clipped       saturated weights
 * @param sqnrDb        weight SQNR in dB (infinite values are reported as null)
 * @param macs          multiply-accumulates per example
 * @param accuracyAlone test accuracy with only this layer quantized (layer-wise trials), or null
 * @param sensitivity   the input model's accuracy minus {@code accuracyAlone}, or null
 */
public record LayerReport(String layer, long params, long nonzero, String format, int bits, long overheadBits,
                          String granularity, Double scaleMin, Double scaleMax, long clipped, Double sqnrDb, long macs,
                          Double accuracyAlone, Double sensitivity) {

    /** This report with a layer-wise accuracy and its sensitivity. */
    public LayerReport withAccuracyAlone(double accuracy, double inputAccuracy) {
        return new LayerReport(layer, params, nonzero, format, bits, overheadBits, granularity, scaleMin, scaleMax,
                clipped, sqnrDb, macs, accuracy, inputAccuracy - accuracy);
    }
}
