package dev.ablate.compress.prune;

import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole output units: neurons of Linear layers or channels of Conv2d layers, ranked by the Lp norm of their
 * weights' scores ({@link UnitScores}) and physically removed afterwards ({@link StructuredSurgery}). Only
 * hidden layers lose units ({@link UnitLayer}): the classifier's outputs are the classes.
 *
 * <p>A removed unit's mask zeroes its weight row <em>and</em> its block of every row of the consumer's weight.
 * The unit's bias (and a following BatchNorm's shift) is not prunable and may keep it producing a constant, so
 * it is the consumer's zeroed block that takes the unit out of the computation: the masked network then computes
 * exactly what the shrunk one does, through fine-tuning too.
 *
 * <p>Amounts are fractions of units: a layer loses {@code round(amount * units)}, but always keeps at least one
 * unit. In global scope the layers without an override share one ranking of {@code round(sparsity * their
 * units)} units. Raw scores are not comparable across layers (they grow with fan-in), so each layer's unit scores
 * are first divided by their L2 norm (Molchanov et al. 2017's layer-wise normalisation); each layer's best unit
 * stays out of the global ranking, so no layer is emptied.
 *
 * @param kind neurons (Linear) or channels (Conv2d)
 */
public record Units(Kind kind) implements Structure {

    /** Which layers lose units. */
    public enum Kind {
        /** Output units of hidden Linear layers. */
        NEURON,
        /** Output channels of Conv2d layers. */
        CHANNEL
    }

    @Override
    public boolean removesUnits() {
        return true;
    }

    @Override
    public List<float[]> masks(Network net, List<ScoredWeight> weights, SparsityTarget target, Scope scope, int norm) {
        List<UnitLayer> layers = UnitLayer.of(net).stream()
                .filter(u -> kind == Kind.NEURON ? u.layer() instanceof Linear : u.layer() instanceof Conv2d).toList();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("prune.structure: " + kind.name().toLowerCase() + " pruning needs hidden "
                    + (kind == Kind.NEURON ? "Linear" : "Conv2d") + " layers, but the network has none: " + net);
        }
        Map<Parameter, float[]> scores = new HashMap<>();
        weights.forEach(w -> scores.put(w.weight(), w.scores()));
        float[][] unitScores = new float[layers.size()][];
        float[][] keep = new float[layers.size()][];
        List<float[]> pool = new ArrayList<>();
        List<Integer> pooled = new ArrayList<>();
        long poolUnits = 0;
        for (int i = 0; i < layers.size(); i++) {
            UnitLayer u = layers.get(i);
            unitScores[i] = UnitScores.of(scores.get(u.weight()), u.units(), norm);
            if (scope == Scope.GLOBAL && !target.overrides(u.name())) {
                pool.add(normalisedWithBestKept(unitScores[i]));
                pooled.add(i);
                poolUnits += u.units();
            } else {
                long k = Math.min(MagnitudePruner.pruneCount(target.of(u.name()), u.units()), u.units() - 1);
                keep[i] = ScoreRanking.masks(List.of(unitScores[i]), k).get(0);
            }
        }
        if (!pool.isEmpty()) {
            long k = Math.min(MagnitudePruner.pruneCount(target.sparsity(), poolUnits), poolUnits - pool.size());
            List<float[]> pooledKeep = ScoreRanking.masks(pool, k);
            for (int j = 0; j < pooled.size(); j++) {
                keep[pooled.get(j)] = pooledKeep.get(j);
            }
        }
        Map<Parameter, float[]> masks = new HashMap<>();
        for (ScoredWeight w : weights) {
            float[] m = new float[w.weight().size()];
            Arrays.fill(m, 1f);
            masks.put(w.weight(), m);
        }
        for (int i = 0; i < layers.size(); i++) {
            removeUnits(layers.get(i), keep[i], masks);
        }
        return weights.stream().map(w -> masks.get(w.weight())).toList();
    }

    /** Scores divided by their L2 norm (pruned units stay {@code -∞}), the best one raised to {@code +∞}. */
    private static float[] normalisedWithBestKept(float[] scores) {
        double sumSquares = 0;
        int best = -1;
        for (int u = 0; u < scores.length; u++) {
            if (Float.isFinite(scores[u])) {
                sumSquares += (double) scores[u] * scores[u];
            }
            if (best < 0 || scores[u] > scores[best]) {
                best = u;
            }
        }
        double l2 = Math.sqrt(sumSquares);
        float[] normalised = new float[scores.length];
        for (int u = 0; u < scores.length; u++) {
            normalised[u] = l2 > 0 && Float.isFinite(scores[u]) ? (float) (scores[u] / l2) : scores[u];
        }
        normalised[best] = Float.POSITIVE_INFINITY;
        return normalised;
    }

    private static void removeUnits(UnitLayer layer, float[] keep, Map<Parameter, float[]> masks) {
        float[] own = masks.get(layer.weight());
        float[] consumer = masks.get(layer.consumerWeight());
        int rowLength = own.length / layer.units();
        int consumerRows = layer.consumerWeight().shape()[0];
        int consumerRowLength = consumer.length / consumerRows;
        for (int u = 0; u < keep.length; u++) {
            if (keep[u] == 0f) {
                Arrays.fill(own, u * rowLength, (u + 1) * rowLength, 0f);
                for (int r = 0; r < consumerRows; r++) {
                    int from = r * consumerRowLength + u * layer.block();
                    Arrays.fill(consumer, from, from + layer.block(), 0f);
                }
            }
        }
    }
}
