/**
 * Integer quantization in torch.ao's vocabulary, kept as separate steps: a {@link dev.ablate.compress.quant.QuantScheme}
 * and {@link dev.ablate.compress.quant.IntRange} say which integers exist, a
 * {@link dev.ablate.compress.quant.MinMaxObserver} turns observed ranges into
 * {@link dev.ablate.compress.quant.QParams} (scale, zero point), the
 * {@link dev.ablate.compress.quant.FakeQuantizer} simulates the integer grid in float32, and the
 * {@link dev.ablate.compress.quant.WeightQuantizer} applies all of that to a network's weights.
 *
 * <p>Formulas follow PyTorch 1.13 bit for bit (float32 arithmetic, reciprocal multiply, round half to even) and are
 * checked against the shared PyTorch reference vectors.
 */
package dev.ablate.compress.quant;
