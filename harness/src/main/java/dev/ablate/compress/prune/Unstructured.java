package dev.ablate.compress.prune;

import dev.ablate.nn.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Single weights: in layer scope each tensor loses {@code round(amount * size)} of its lowest-scoring weights;
 * in global scope the tensors without an override share one ranking that prunes
 * {@code round(sparsity * their total size)} (as {@code global_unstructured}).
 */
public record Unstructured() implements Structure {

    @Override
    public List<float[]> masks(Network net, List<ScoredWeight> weights, SparsityTarget target, Scope scope, int norm) {
        float[][] masks = new float[weights.size()][];
        List<float[]> pool = new ArrayList<>();
        List<Integer> pooled = new ArrayList<>();
        long poolSize = 0;
        for (int i = 0; i < weights.size(); i++) {
            ScoredWeight w = weights.get(i);
            if (scope == Scope.GLOBAL && !target.overrides(w.layer())) {
                pool.add(w.scores());
                pooled.add(i);
                poolSize += w.scores().length;
            } else {
                long k = MagnitudePruner.pruneCount(target.of(w.layer()), w.scores().length);
                masks[i] = ScoreRanking.masks(List.of(w.scores()), k).get(0);
            }
        }
        if (!pool.isEmpty()) {
            List<float[]> pooledMasks = ScoreRanking.masks(pool, MagnitudePruner.pruneCount(target.sparsity(), poolSize));
            for (int j = 0; j < pooled.size(); j++) {
                masks[pooled.get(j)] = pooledMasks.get(j);
            }
        }
        return List.of(masks);
    }
}
