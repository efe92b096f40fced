/**
 * Calibration observers: the ways of choosing a clipping range from observed tensors that torch.ao, TensorRT
 * and the quantization literature use, each an {@link dev.ablate.compress.quant.Observer}. Every observer here
 * chooses one {@link dev.ablate.compress.quant.calibration.ClipRange} per channel and turns it into
 * {@link dev.ablate.compress.quant.QParams} with the one MinMax formula,
 * {@link dev.ablate.compress.quant.MinMaxObserver#qparams}. {@link dev.ablate.compress.quant.calibration.Observers}
 * builds any of them from a {@link dev.ablate.compress.quant.calibration.CalibrationSpec}.
 *
 * <p>Observers that need the values themselves (percentile, MSE) keep them exactly up to a fixed cap and a
 * seeded reservoir sample beyond it, so memory is bounded however many batches are observed and results are
 * reproducible; histogram observers keep a fixed number of bins.
 */
package dev.ablate.compress.quant.calibration;
