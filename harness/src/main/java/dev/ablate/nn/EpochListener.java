package dev.ablate.nn;

/** Called by {@link Trainer} after every epoch, e.g. to record learning curves or report progress. */
@FunctionalInterface
public interface EpochListener {

    /** A listener that ignores every epoch. */
    EpochListener NONE = stats -> { };

    /**
     * @param stats the epoch's losses, accuracies, learning rate and time; early stopping has already taken
     *              this epoch into account (a listener sees every epoch that ran, the last one included)
     */
    void onEpoch(EpochStats stats);
}
