package dev.ablate.nn;

/** Called by {@link Trainer} after every epoch, e.g. to record learning curves or report progress. */
@FunctionalInterface
public interface EpochListener {

    /** A listener that ignores every epoch. */
    EpochListener NONE = (epoch, meanLoss, trainAccuracy) -> { };

    /**
     * @param epoch         1-based epoch number
     * @param meanLoss      mean training loss over the epoch's examples (each batch weighted by its size)
     * @param trainAccuracy fraction of the epoch's examples classified correctly by the forward pass that
     *                      computed their loss (before that batch's update)
     */
    void onEpoch(int epoch, double meanLoss, double trainAccuracy);
}
