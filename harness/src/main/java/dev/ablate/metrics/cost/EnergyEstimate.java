package dev.ablate.metrics.cost;

import java.util.List;

/**
 * Energy of one inference of a whole model, in picojoules, by {@link EnergyModel}: the totals over layers and
 * each layer's share.
 *
 * @param computePj          multiplies and accumulates, all layers
 * @param weightMemoryPj     DRAM weight traffic, all layers
 * @param activationMemoryPj SRAM activation traffic, all layers
 * @param layers             per layer, in the order given to the model
 */
public record EnergyEstimate(double computePj, double weightMemoryPj, double activationMemoryPj,
        List<LayerEnergy> layers) {

    /** Copies {@code layers}. */
    public EnergyEstimate {
        layers = List.copyOf(layers);
    }

    /** Compute plus weight and activation traffic: the {@code energy_pj} results column. */
    public double totalPj() {
        return computePj + weightMemoryPj + activationMemoryPj;
    }
}
