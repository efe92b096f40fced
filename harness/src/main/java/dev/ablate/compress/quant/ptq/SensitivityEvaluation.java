package dev.ablate.compress.quant.ptq;

/**
 * One measurement of a mixed-precision search: the accuracy with one layer lowered to {@code bits} and every
 * other layer at the highest candidate width (a row of the results' {@code layers} table).
 *
 * @param layer       layer name, e.g. {@code conv2}
 * @param bits        the lowered bit width
 * @param accuracy    the evaluator's score (validation accuracy)
 * @param sensitivity accuracy at the highest width minus {@code accuracy}; negative if lowering helped
 */
public record SensitivityEvaluation(String layer, int bits, double accuracy, double sensitivity) {
}
