package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.spec.PruneConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * One pruning step: scores the prunable weights with a {@link PruningCriterion}, ranks them per {@link Scope}
 * and {@link Structure}, and sets the masks. Masks only grow: weights already pruned score {@code -∞}, are
 * pruned first, and the new mask is combined with the old one. Biases are never pruned.
 */
public final class Pruner {

    private final PruningCriterion criterion;
    private final Structure structure;
    private final Scope scope;

    /** A pruner from its three parts. */
    public Pruner(PruningCriterion criterion, Structure structure, Scope scope) {
        this.criterion = criterion;
        this.structure = structure;
        this.scope = scope;
    }

    /**
     * The pruner {@code cfg} describes.
     *
     * @param train     training data, for the Taylor criterion
     * @param batchSize Taylor batch size
     * @param seed      seed of the criterion's random draws
     * @throws IllegalArgumentException for an unknown criterion, scope or structure
     */
    public static Pruner of(PruneConfig cfg, Dataset train, int batchSize, long seed) {
        return new Pruner(PruningCriterion.of(cfg, train, batchSize, seed), Structure.parse(cfg.structure()),
                Scope.parse(cfg.scope()));
    }

    /** The structure pruned, e.g. to know whether to shrink the network afterwards. */
    public Structure structure() {
        return structure;
    }

    /**
     * Prunes {@code net} in place to {@code target}.
     *
     * @return the achieved {@link #sparsity} of {@code net}
     */
    public double prune(Network net, SparsityTarget target) {
        List<Parameter> weights = net.parameters().stream().filter(Parameter::prunable).toList();
        List<float[]> scores = criterion.scores(net);
        List<ScoredWeight> scored = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            Parameter p = weights.get(i);
            float[] s = scores.get(i);
            if (p.mask() != null) {
                for (int j = 0; j < s.length; j++) {
                    if (p.mask()[j] == 0f) {
                        s[j] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
            scored.add(new ScoredWeight(p, layerOf(p), s));
        }
        List<float[]> masks = structure.masks(net, scored, target, scope, criterion.unitNorm());
        for (int i = 0; i < weights.size(); i++) {
            Parameter p = weights.get(i);
            float[] m = masks.get(i);
            if (p.mask() != null) {
                for (int j = 0; j < m.length; j++) {
                    m[j] *= p.mask()[j];
                }
            }
            p.setMask(m);
        }
        return sparsity(net);
    }

    /** Fraction of the prunable weights that are masked (0 for a network without masks). */
    public static double sparsity(Network net) {
        long total = 0;
        long masked = 0;
        for (Parameter p : net.parameters()) {
            if (p.prunable()) {
                total += p.size();
                if (p.mask() != null) {
                    for (float m : p.mask()) {
                        masked += m == 0f ? 1 : 0;
                    }
                }
            }
        }
        return total == 0 ? 0 : (double) masked / total;
    }

    /** {@code fc1} for {@code fc1.weight}: the name per-layer amounts use. */
    static String layerOf(Parameter weight) {
        String name = weight.name();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
