package dev.ablate.compress.prune;

import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.List;

/**
 * Magnitude pruning (Han et al. 2015): a weight's score is {@code |w|}; a unit's is the L{@code norm} norm of
 * its weights, exactly {@code torch.nn.utils.prune.ln_structured}'s channel norm.
 *
 * @param norm the unit norm, 1 or 2
 */
public record MagnitudeCriterion(int norm) implements PruningCriterion {

    public MagnitudeCriterion {
        if (norm != 1 && norm != 2) {
            throw new IllegalArgumentException("prune.norm must be 1 or 2, got " + norm);
        }
    }

    @Override
    public List<float[]> scores(Network net) {
        return net.parameters().stream().filter(Parameter::prunable).map(p -> {
            float[] w = p.data();
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = Math.abs(w[i]);
            }
            return s;
        }).toList();
    }

    @Override
    public int unitNorm() {
        return norm;
    }
}
