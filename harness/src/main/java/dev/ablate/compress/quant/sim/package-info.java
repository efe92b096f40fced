/**
 * Quantization simulation in float32: activation fake-quantization at the
 * {@link dev.ablate.compress.quant.ActivationSites sites}, on an integer grid
 * ({@link dev.ablate.compress.quant.sim.ActivationQuantizer}) or in a scaled float format
 * ({@link dev.ablate.compress.quant.sim.FloatActivationQuantizer}),
 * weight fake-quantization for quantization-aware training ({@link dev.ablate.compress.quant.sim.WeightFakeQuant}),
 * learned step sizes ({@link dev.ablate.compress.quant.sim.LearnedStepQuantizer}, LSQ), and the static
 * post-training and QAT flows that produce a deployable {@link dev.ablate.compress.quant.sim.StaticQuantization}
 * ({@link dev.ablate.compress.quant.sim.QuantSimulator}). Integer arithmetic follows PyTorch 1.13 bit for bit.
 */
package dev.ablate.compress.quant.sim;
