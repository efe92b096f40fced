package dev.ablate.compress.precision;

/**
 * What loss scaling did over a low-precision training run, for the results.
 *
 * @param steps         optimizer steps seen, skipped ones included
 * @param overflowSteps steps whose scaled, cast weight gradients held an overflow (±Inf, NaN or a saturated
 *                      value; see {@link ScalarFormat#overflows})
 * @param skippedSteps  steps whose update dynamic loss scaling skipped (every overflow step under dynamic
 *                      scaling, none otherwise)
 * @param lossScale     the scale after the last step (1 without loss scaling)
 */
public record PrecisionStats(long steps, long overflowSteps, long skippedSteps, float lossScale) {
}
