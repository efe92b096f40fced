/**
 * Simulated low-precision training (Gupta et al. 2015, "Deep Learning with Limited Numerical Precision";
 * Micikevicius et al. 2018, "Mixed Precision Training"): weights, activations and gradients kept in fp16, bf16,
 * fp8 or fixed point ({@link dev.ablate.compress.precision.ScalarFormat}) while the arithmetic runs in fp32, with
 * round-to-nearest or stochastic rounding, optional fp32 master weights and static or dynamic loss scaling.
 * {@link dev.ablate.compress.precision.LowPrecisionTraining} prepares a network for
 * {@link dev.ablate.nn.Trainer}: {@link dev.ablate.compress.precision.CastLayer}s between its layers and a
 * {@link dev.ablate.compress.precision.PrecisionHook} around each step.
 *
 * <p>The minifloats are {@link dev.ablate.compress.quant.format.FloatFormat}'s and fixed point is
 * {@link dev.ablate.compress.quant.format.FixedPointFormat}, so casts here round exactly as quantization does.
 */
package dev.ablate.compress.precision;
