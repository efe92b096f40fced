package dev.ablate.metrics;

/**
 * Quality of a classifier on a test split; a metric that was not requested is null.
 *
 * @param accuracy top-1 accuracy
 * @param macroF1  F1 averaged over classes with equal weight
 * @param nll      mean negative log-likelihood of the true class (natural log)
 * @param ece      expected calibration error over {@link QualityMetrics#ECE_BINS} equal-width confidence bins
 */
public record Quality(Double accuracy, Double macroF1, Double nll, Double ece) {
}
