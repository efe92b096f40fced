package dev.ablate.compress.prune;

import dev.ablate.nn.Network;

import java.util.List;

/**
 * What is removed together ({@code prune.structure}): single weights ({@link Unstructured}), all but N of every
 * M consecutive weights ({@link NofM}), or whole output units ({@link Units}).
 */
public sealed interface Structure permits Unstructured, NofM, Units {

    /**
     * Pruning masks for the ranked weights.
     *
     * @param net     the network the weights belong to (unit structures need its layer graph)
     * @param weights every prunable weight of {@code net} with its scores, in parameter order
     * @param target  how much to prune
     * @param scope   per layer or global ranking
     * @param norm    the p that turns weight scores into unit scores ({@link PruningCriterion#unitNorm()})
     * @return one 0/1 mask per weight, in the same order; already-pruned weights ({@code -∞} scores) are among
     *         the zeros whenever the amount allows
     */
    List<float[]> masks(Network net, List<ScoredWeight> weights, SparsityTarget target, Scope scope, int norm);

    /** Whether the zeroed units are removed physically ({@link StructuredSurgery}) once pruning is done. */
    default boolean removesUnits() {
        return false;
    }

    /**
     * Parses {@code unstructured}, {@code N:M} (e.g. {@code 2:4}), {@code neuron} or {@code channel}.
     *
     * @throws IllegalArgumentException for anything else, or N:M without {@code 1 <= N < M}
     */
    static Structure parse(String text) {
        return switch (StructureKind.of(text)) {
            case UNSTRUCTURED -> new Unstructured();
            case NEURON -> new Units(Units.Kind.NEURON);
            case CHANNEL -> new Units(Units.Kind.CHANNEL);
            case N_OF_M -> NofM.parse(text); // also rejects what is no structure at all, naming the valid ones
        };
    }
}
