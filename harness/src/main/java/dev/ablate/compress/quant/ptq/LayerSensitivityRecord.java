package dev.ablate.compress.quant.ptq;

/**
 * What quantizing one layer's weight alone does (a row of the results' {@code layers} table).
 *
 * @param layer      layer name, e.g. {@code fc1}
 * @param parameters the layer's parameter count, weights and bias (as {@link dev.ablate.nn.LayerCost#params()})
 * @param bits       bits per weight element as the format reports them
 * @param accuracy   the evaluator's score with only this layer quantized
 * @param weightMse  mean squared error of the quantized weight
 * @param sqnrDb     signal-to-quantization-noise ratio of the weight, {@code 10 log10(sum w^2 / sum (w - w_q)^2)}
 *                   in dB; infinite if the weight is exact
 */
public record LayerSensitivityRecord(String layer, long parameters, int bits, double accuracy, double weightMse,
                                     double sqnrDb) {
}
