package dev.ablate.compress.quant;

/**
 * What weight quantization did to one layer.
 *
 * @param layer     layer name, e.g. {@code fc1}
 * @param parameter quantized parameter, e.g. {@code fc1.weight}
 * @param format    the format's name
 * @param report    what the format reported (bits, overhead, clipping, scales, integer grid)
 * @param params    elements of the weight
 * @param nonzero   elements that are not zero after quantization
 * @param sqnrDb    weight signal-to-quantization-noise ratio in dB (infinite when lossless)
 */
public record LayerQuantStats(String layer, String parameter, String format, QuantizationReport report, long params,
                              long nonzero, double sqnrDb) {
}
