package dev.ablate.compress.quant;

/**
 * What weight quantization did to one layer (a row of the results' {@code layers} table).
 *
 * @param layer     layer name, e.g. {@code fc1}
 * @param parameter quantized parameter, e.g. {@code fc1.weight}
 * @param bits      bit width
 * @param scaleMin  smallest scale over the layer's channels (the only scale per tensor)
 * @param scaleMax  largest scale over the layer's channels
 * @param clipped   number of weights whose code was clamped (STE mask 0)
 */
public record LayerQuantStats(String layer, String parameter, int bits, float scaleMin, float scaleMax, long clipped) {
}
