package dev.ablate.compress.quant.ptq;

import dev.ablate.nn.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Sensitivity-guided greedy mixed-precision search under a size budget, in the spirit of HAWQ (Dong et al.
 * 2019) with measured instead of Hessian sensitivities, and of AIMET's AMP:
 * <ol>
 *   <li>every layer at the highest candidate width gives the baseline score;</li>
 *   <li>each layer alone is lowered to each lower candidate, the rest staying at the highest, and the score
 *       drop is that layer's sensitivity at that width;</li>
 *   <li>starting from all-highest, the step (one layer, from its current width to any lower candidate) with the
 *       smallest added sensitivity per bit saved ({@link ModelSize}) is taken, until the size is within the
 *       budget. Ties go to the earlier layer, then to the higher width, so the search is deterministic.</li>
 * </ol>
 * Sensitivities are assumed to add up across layers; the chosen assignment's score is measured at the end.
 * Costs {@code 2 + layers * (candidates - 1)} evaluations. The evaluator must score on a validation split,
 * never on test data, or the reported test accuracy is biased by the selection.
 */
public final class SensitivitySearch {

    private SensitivitySearch() {
    }

    /**
     * Searches a bit width per weight layer of {@code net}.
     *
     * @param net         the float network; unchanged
     * @param candidates  the bit widths to choose from, e.g. {@code [2, 4, 8]}; at least one, each at least 1
     * @param budgetBytes largest allowed {@link ModelSize#bytes}
     * @param evaluator   the score of a quantized network, higher is better (validation accuracy)
     * @param quantizer   builds the quantized network for an assignment
     * @throws IllegalArgumentException if the candidates are empty or below 1, or even every layer at the lowest
     *                                  candidate exceeds the budget (the message gives that smallest size)
     */
    public static MixedPrecisionSearchResult search(Network net, List<Integer> candidates, long budgetBytes,
                                                    ToDoubleFunction<Network> evaluator, AssignmentQuantizer quantizer) {
        TreeSet<Integer> widths = new TreeSet<>(candidates);
        if (widths.isEmpty() || widths.first() < 1) {
            throw new IllegalArgumentException("candidate bit widths must be at least 1 and not empty, got "
                    + candidates);
        }
        long smallest = ModelSize.bytes(net, BitWidthAssignment.uniform(net, widths.first()));
        if (smallest > budgetBytes) {
            throw new IllegalArgumentException("size budget " + budgetBytes + " bytes is below " + smallest
                    + " bytes, the size with every layer at " + widths.first() + " bits");
        }
        BitWidthAssignment current = BitWidthAssignment.uniform(net, widths.last());
        double baseline = evaluator.applyAsDouble(quantizer.quantize(net, current));
        List<SensitivityEvaluation> evaluations = new ArrayList<>();
        Map<String, Map<Integer, Double>> loss = new HashMap<>();
        for (String layer : current.layers()) {
            Map<Integer, Double> byBits = new HashMap<>();
            byBits.put(widths.last(), 0.0);
            for (int bits : widths.descendingSet().tailSet(widths.last(), false)) {
                double accuracy = evaluator.applyAsDouble(quantizer.quantize(net, current.with(layer, bits)));
                byBits.put(bits, baseline - accuracy);
                evaluations.add(new SensitivityEvaluation(layer, bits, accuracy, baseline - accuracy));
            }
            loss.put(layer, byBits);
        }
        while (ModelSize.bytes(net, current) > budgetBytes) {
            long size = ModelSize.bits(net, current);
            BitWidthAssignment best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (String layer : current.layers()) {
                int from = current.bitsOf(layer);
                for (int to : widths.descendingSet().tailSet(from, false)) {
                    BitWidthAssignment step = current.with(layer, to);
                    double cost = (loss.get(layer).get(to) - loss.get(layer).get(from))
                            / (size - ModelSize.bits(net, step));
                    if (best == null || cost < bestCost) {
                        best = step;
                        bestCost = cost;
                    }
                }
            }
            if (best == null) {
                throw new IllegalStateException("no layer can be lowered from " + current.bits()
                        + " although the all-lowest size " + smallest + " fits the budget " + budgetBytes);
            }
            current = best;
        }
        double accuracy = evaluator.applyAsDouble(quantizer.quantize(net, current));
        return new MixedPrecisionSearchResult(current, ModelSize.bytes(net, current), baseline, accuracy, evaluations);
    }
}
