/**
 * Quantization simulation in float32: activation fake-quantization at the
 * {@link dev.ablate.compress.quant.ActivationSites sites} ({@link dev.ablate.compress.quant.sim.ActivationQuantizer}),
 * weight fake-quantization for quantization-aware training ({@link dev.ablate.compress.quant.sim.WeightFakeQuant}),
 * learned step sizes ({@link dev.ablate.compress.quant.sim.LearnedStepQuantizer}, LSQ), and the static
 * post-training and QAT flows that produce a deployable {@link dev.ablate.compress.quant.sim.StaticQuantization}
 * ({@link dev.ablate.compress.quant.sim.QuantSimulator}). Arithmetic follows PyTorch 1.13 bit for bit.
 */
package dev.ablate.compress.quant.sim;
