package dev.ablate.nn;

import java.util.Objects;

/**
 * What one layer of a {@link Network} costs per example, for the cost model.
 *
 * @param layer      the layer's {@link Layer#name()}
 * @param kind       the layer type's simple class name, e.g. {@code Conv2d}
 * @param macs       multiply-accumulates of one example's forward pass ({@link Layer#macs()})
 * @param parameters parameter elements the layer holds (weights and biases)
 */
public record LayerCost(String layer, String kind, long macs, long parameters) {
    public LayerCost {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(kind, "kind");
        if (macs < 0 || parameters < 0) {
            throw new IllegalArgumentException(layer + ": macs=" + macs + " and parameters=" + parameters
                    + " must be >= 0");
        }
    }
}
