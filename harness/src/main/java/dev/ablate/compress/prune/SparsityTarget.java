package dev.ablate.compress.prune;

import dev.ablate.spec.PruneConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * How much to prune at one point of a schedule: a default fraction and per-layer overrides, as in
 * {@link PruneConfig}.
 *
 * @param sparsity fraction for every layer without an override, in [0, 1)
 * @param layers   overrides by layer name ({@code fc3}), each in [0, 1)
 */
public record SparsityTarget(double sparsity, Map<String, Double> layers) {

    public SparsityTarget {
        layers = Map.copyOf(layers);
        if (!(sparsity >= 0 && sparsity < 1) || layers.values().stream().anyMatch(s -> !(s >= 0 && s < 1))) {
            throw new IllegalArgumentException("sparsities must be in [0, 1): " + sparsity + ", " + layers);
        }
    }

    /** The config's final target. */
    public static SparsityTarget of(PruneConfig cfg) {
        return new SparsityTarget(cfg.sparsity(), cfg.layers());
    }

    /** The fraction layer {@code layer} is pruned to. */
    public double of(String layer) {
        return layers.getOrDefault(layer, sparsity);
    }

    /** Whether {@code layer} has its own amount (and so leaves a global ranking). */
    public boolean overrides(String layer) {
        return layers.containsKey(layer);
    }

    /** This target with {@code f} applied to the default and to every override: a schedule's intermediate point. */
    public SparsityTarget map(DoubleUnaryOperator f) {
        Map<String, Double> mapped = new LinkedHashMap<>();
        layers.forEach((layer, s) -> mapped.put(layer, f.applyAsDouble(s)));
        return new SparsityTarget(f.applyAsDouble(sparsity), mapped);
    }
}
