package dev.ablate.compress.prune;

import dev.ablate.nn.Parameter;

/**
 * A prunable weight with its criterion scores, ready to rank.
 *
 * @param weight the parameter
 * @param layer  its layer's name ({@code fc1} for {@code fc1.weight}): the key of per-layer amounts
 * @param scores one score per element; {@code -∞} where the weight is already pruned
 */
public record ScoredWeight(Parameter weight, String layer, float[] scores) {

    public ScoredWeight {
        if (scores.length != weight.size()) {
            throw new IllegalArgumentException(weight.name() + ": " + scores.length + " scores for " + weight.size()
                    + " weights");
        }
    }
}
