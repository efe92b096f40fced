package dev.ablate.nn;

import java.util.List;

/**
 * What a {@link Trainer#train} run measured.
 *
 * @param epochStats   one entry per epoch that ran, in order
 * @param bestEpoch    1-based epoch whose weights the network holds after training: with early stopping the
 *                     epoch with the best monitored validation metric (its weights were restored), otherwise
 *                     the last epoch; 0 when no epoch ran
 * @param stoppedEarly whether early stopping ended the run before {@code train.epochs}
 * @param wallSeconds  wall-clock time of the whole run
 * @param stepsPerEpoch optimizer steps each epoch took ({@link Trainer#stepsPerEpoch}: a last batch of one example
 *                      is skipped in a network with BatchNorm)
 */
public record TrainingResult(List<EpochStats> epochStats, int bestEpoch, boolean stoppedEarly, double wallSeconds,
                             int stepsPerEpoch) {
    public TrainingResult {
        epochStats = List.copyOf(epochStats);
        if (bestEpoch < 0 || bestEpoch > epochStats.size() || (bestEpoch == 0) != epochStats.isEmpty()) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + " of " + epochStats.size() + " epochs");
        }
    }

    /** Number of epochs run. */
    public int epochs() {
        return epochStats.size();
    }

    /** Mean training loss per epoch, in order. */
    public List<Double> epochLosses() {
        return epochStats.stream().map(EpochStats::trainLoss).toList();
    }

    /** Training accuracy per epoch, in order. */
    public List<Double> epochTrainAccuracies() {
        return epochStats.stream().map(EpochStats::trainAccuracy).toList();
    }

    /** The stats of the epoch whose weights the network holds ({@link #bestEpoch()}). */
    public EpochStats best() {
        if (bestEpoch == 0) {
            throw new IllegalStateException("no epoch ran");
        }
        return epochStats.get(bestEpoch - 1);
    }
}
