/**
 * Post-training quantization algorithms that work on a trained float network before or around weight
 * quantization, with the vocabulary of Nagel et al. 2019 ("Data-Free Quantization Through Weight Equalization and
 * Bias Correction") and AIMET:
 * <ul>
 *   <li>{@link dev.ablate.compress.quant.ptq.CrossLayerEqualization} rescales the channels of consecutive weight
 *       layers so per-tensor grids fit them better, without changing the float function;</li>
 *   <li>{@link dev.ablate.compress.quant.ptq.BiasCorrection} removes the mean output shift that weight rounding
 *       introduces, measured on calibration data;</li>
 *   <li>{@link dev.ablate.compress.quant.ptq.MixedPrecision} applies a per-layer
 *       {@link dev.ablate.compress.quant.ptq.BitWidthAssignment}, whose packed size
 *       {@link dev.ablate.compress.quant.ptq.ModelSize} computes, and
 *       {@link dev.ablate.compress.quant.ptq.SensitivitySearch} chooses one that meets a size budget;</li>
 *   <li>{@link dev.ablate.compress.quant.ptq.LayerSensitivity} measures what quantizing each layer alone costs.</li>
 * </ul>
 * Weight layers are the {@link dev.ablate.nn.Linear} and {@link dev.ablate.nn.Conv2d} layers; every algorithm
 * returns a new network and leaves its inputs unchanged. Formats come in through the
 * {@link dev.ablate.compress.quant.TensorFormat} seam, so any number format works with every algorithm.
 */
package dev.ablate.compress.quant.ptq;
