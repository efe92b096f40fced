package dev.ablate.spec;

/**
 * Quantization-aware fine-tuning from the trained model ({@code compress.quantize.qat}), with the trial's
 * optimizer and schedule.
 *
 * @param epochs fine-tuning epochs
 * @param lr     learning rate of the fine-tuning
 * @param lsq    learn the quantization step sizes (LSQ, Esser et al. 2020) instead of observing ranges
 * @param freezeBnEpochs after this many epochs BatchNorm layers kept in the model ({@code fold_bn: false}) stop
 *                       updating their statistics and normalize with the running ones; 0 never freezes
 * @param distill the fp32 model teaches its own quantized version with the distillation loss; null for plain
 *                cross-entropy
 */
public record QatConfig(int epochs, double lr, boolean lsq, int freezeBnEpochs, KdParams distill) {
}
