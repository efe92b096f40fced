package dev.ablate.nn;

/**
 * What one training epoch measured.
 *
 * @param epoch              1-based epoch number
 * @param trainLoss          mean training loss over the epoch's examples (each batch weighted by its size); NaN
 *                           for an empty training split
 * @param trainAccuracy      fraction of the epoch's examples classified correctly by the forward pass that
 *                           computed their loss (before that batch's update, in training mode); NaN for an empty
 *                           training split
 * @param validationLoss     mean cross-entropy on the validation split after the epoch, in inference mode; NaN
 *                           without validation data
 * @param validationAccuracy accuracy on the validation split after the epoch, in inference mode; NaN without
 *                           validation data
 * @param learningRate       the learning rate of the epoch's last step (the schedule's value for its first step
 *                           when the training split is empty)
 * @param seconds            wall-clock time of the epoch, validation included
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double learningRate, double seconds) {
}
