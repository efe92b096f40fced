package dev.ablate.compress.quant.ptq;

import java.util.List;

/**
 * What {@link SensitivitySearch} chose and measured.
 *
 * @param assignment       the chosen bit width per layer
 * @param bytes            its packed size ({@link ModelSize#bytes}), within the budget
 * @param baselineAccuracy the evaluator's score with every layer at the highest candidate width
 * @param accuracy         the evaluator's score of the chosen assignment
 * @param evaluations      the per-layer sensitivities, in layer order and then from high to low bits
 */
public record MixedPrecisionSearchResult(BitWidthAssignment assignment, long bytes, double baselineAccuracy,
                                         double accuracy, List<SensitivityEvaluation> evaluations) {
    public MixedPrecisionSearchResult {
        evaluations = List.copyOf(evaluations);
    }
}
