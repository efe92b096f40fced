package dev.ablate.spec;

import java.util.List;

/**
 * The sensitivity-guided mixed-precision search ({@code compress.quantize.mixed_precision}): per-layer bit
 * widths chosen greedily, on the validation split, until the packed weights fit the budget.
 *
 * @param budget     the packed model size to meet (weights at their bit widths with one fp32 scale per channel,
 *                   everything else fp32), as a fraction of the fp32 model's bytes
 * @param candidates bit widths a layer may take
 */
public record MixedPrecisionConfig(double budget, List<Integer> candidates) {
    public MixedPrecisionConfig {
        candidates = List.copyOf(candidates);
    }
}
