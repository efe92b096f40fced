package dev.ablate.nn;

import java.util.List;

/**
 * What a {@link Trainer#train} run measured.
 *
 * @param epochLosses          mean training loss per epoch, in order
 * @param epochTrainAccuracies training accuracy per epoch, in order (see {@link EpochListener})
 * @param wallSeconds          wall-clock time of the whole run
 */
public record TrainingResult(List<Double> epochLosses, List<Double> epochTrainAccuracies, double wallSeconds) {
    public TrainingResult {
        epochLosses = List.copyOf(epochLosses);
        epochTrainAccuracies = List.copyOf(epochTrainAccuracies);
        if (epochLosses.size() != epochTrainAccuracies.size()) {
            throw new IllegalArgumentException(epochLosses.size() + " losses but " + epochTrainAccuracies.size() + " accuracies");
        }
    }

    /** Number of epochs run. */
    public int epochs() {
        return epochLosses.size();
    }
}
