/**
 * The cost model of a compressed model.
 * <ul>
 * <li>Storage: the exact packed size of weight tensors ({@link dev.ablate.metrics.cost.PackedSize}) as Deep
 * Compression (Han et al., ICLR 2016) counts it — dense, bitmask or relative-index storage with filler zeros,
 * shared quantization parameters, and optionally Huffman coding ({@link dev.ablate.metrics.cost.Huffman}) — from
 * which a trial's {@code model_bytes} and {@code compression_ratio} follow.</li>
 * <li>Energy per inference: a {@link dev.ablate.metrics.cost.CostTable} of published per-operation energies
 * (shipped as data, replaceable by a user's YAML file) and an {@link dev.ablate.metrics.cost.EnergyModel} that
 * turns each layer's work ({@link dev.ablate.metrics.cost.LayerCompute}: MACs, operand widths, packed weight bits,
 * activations) into picojoules.</li>
 * </ul>
 */
package dev.ablate.metrics.cost;
