package dev.ablate.metrics.cost;

/**
 * Energy one layer spends on one inference, in picojoules, split as {@link EnergyModel} splits it.
 *
 * @param layer              layer name
 * @param computePj          multiplies and accumulates
 * @param weightMemoryPj     reading the packed weights from DRAM
 * @param activationMemoryPj reading inputs and writing outputs in on-chip SRAM
 */
public record LayerEnergy(String layer, double computePj, double weightMemoryPj, double activationMemoryPj) {

    /** Compute plus weight and activation traffic. */
    public double totalPj() {
        return computePj + weightMemoryPj + activationMemoryPj;
    }
}
