/**
 * Hardware cost of a compressed model per inference: a {@link dev.ablate.metrics.cost.CostTable} of published
 * per-operation energies (shipped as data, replaceable by a user's YAML file) and an
 * {@link dev.ablate.metrics.cost.EnergyModel} that turns each layer's work into picojoules.
 */
package dev.ablate.metrics.cost;
