/**
 * Integer-only inference (Jacob et al. 2018, "Quantization and Training of Neural Networks for Efficient
 * Integer-Arithmetic-Only Inference"): converts a network whose weights are fake-quantized on an int8 grid, with
 * calibrated activation parameters at the {@link dev.ablate.compress.quant.ActivationSites}, into one that runs
 * 8-bit codes through int8 x int8 -&gt; int32 kernels ({@link dev.ablate.compress.quant.integer.Int8Kernels}) and
 * fixed-point requantization ({@link dev.ablate.compress.quant.integer.FixedPointMultiplier}), so results can
 * report deployed accuracy and packed size next to the fp32 simulation.
 */
package dev.ablate.compress.quant.integer;
