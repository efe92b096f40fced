package dev.ablate.compress.prune;

import dev.ablate.nn.EpochStats;
import dev.ablate.nn.Network;

import java.util.List;

/**
 * What a {@link PruningProcedure} produced.
 *
 * @param network       the pruned network: masks set, and units physically removed for neuron/channel structures
 * @param epochStats    every fine-tuning epoch of every round in order, numbered 1, 2, ... across rounds
 * @param stepsPerEpoch optimizer steps per fine-tuning epoch
 * @param roundSparsity fraction of the prunable weights masked after each pruning round (before surgery): one
 *                      entry for one-shot and gradual, {@code rounds} for iterative and lottery
 * @param epochSparsity fraction of the prunable weights masked at the end of each entry of {@code epochStats} (the
 *                      gradual schedule's ramp, the rounds' steps)
 */
public record PruneOutcome(Network network, List<EpochStats> epochStats, int stepsPerEpoch, List<Double> roundSparsity,
                           List<Double> epochSparsity) {

    public PruneOutcome {
        epochStats = List.copyOf(epochStats);
        roundSparsity = List.copyOf(roundSparsity);
        epochSparsity = List.copyOf(epochSparsity);
        if (epochSparsity.size() != epochStats.size()) {
            throw new IllegalArgumentException(epochSparsity.size() + " sparsities for " + epochStats.size() + " epochs");
        }
    }
}
