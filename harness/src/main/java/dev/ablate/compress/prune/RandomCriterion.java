package dev.ablate.compress.prune;

import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The control: scores drawn uniformly from [0, 1) by a generator seeded with {@code seed}, weight by weight in
 * parameter order. Every call draws the same scores for the same shapes, so repeated pruning (iterative,
 * gradual) follows one fixed random order and masks nest. A unit's score is the sum of its weights' scores,
 * which ranks units uniformly at random too.
 *
 * @param seed seed of the score generator
 */
public record RandomCriterion(long seed) implements PruningCriterion {

    @Override
    public List<float[]> scores(Network net) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<float[]> scores = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            if (p.prunable()) {
                float[] s = new float[p.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = (float) rng.nextDouble();
                }
                scores.add(s);
            }
        }
        return scores;
    }
}
