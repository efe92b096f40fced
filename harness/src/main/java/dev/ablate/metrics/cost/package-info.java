/**
 * Storage cost of compressed models: the exact packed size of weight tensors ({@link
 * dev.ablate.metrics.cost.PackedSize}) as Deep Compression (Han et al., ICLR 2016) counts it — dense, bitmask or
 * relative-index storage with filler zeros, shared quantization parameters, and optionally Huffman coding
 * ({@link dev.ablate.metrics.cost.Huffman}) — from which a trial's {@code model_bytes} and
 * {@code compression_ratio} follow.
 *
 * <p>Pure arithmetic on {@code float[]} weights; this package depends on nothing else in Ablate.
 */
package dev.ablate.metrics.cost;
