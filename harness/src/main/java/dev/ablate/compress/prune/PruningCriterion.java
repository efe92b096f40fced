package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import dev.ablate.spec.PruneConfig;

import java.util.Arrays;
import java.util.List;

/**
 * Which weights count least: a score per prunable weight, higher meaning more important. Units (neurons,
 * channels) are scored by the {@link #unitNorm()} norm of their weights' scores ({@link UnitScores}).
 */
public interface PruningCriterion {

    /** Criterion names {@link #of} accepts ({@code prune.criterion}). */
    List<String> NAMES = Arrays.stream(CriterionKind.values()).map(CriterionKind::specName).toList();

    /**
     * Scores the network's prunable weights; {@code net} is not modified (not even its gradients or BatchNorm
     * statistics).
     *
     * @return one array per prunable parameter of {@code net}, in {@link Network#parameters()} order, each the
     *         parameter's size; finite, non-negative values
     */
    List<float[]> scores(Network net);

    /** The p of the Lp norm that turns weight scores into a unit's score: 1 (the sum) unless overridden. */
    default int unitNorm() {
        return 1;
    }

    /**
     * The criterion {@code cfg.criterion()} names.
     *
     * @param train     training data (Taylor scores come from its batches)
     * @param batchSize examples per Taylor batch (the trial's training batch size)
     * @param seed      seed of every random draw the criterion makes
     * @throws IllegalArgumentException for an unknown criterion (the message lists the valid ones)
     */
    static PruningCriterion of(PruneConfig cfg, Dataset train, int batchSize, long seed) {
        return CriterionKind.of(cfg.criterion()).create(cfg, train, batchSize, seed);
    }
}
