/**
 * Pruning: a {@link dev.ablate.compress.prune.PruningCriterion} (magnitude, random, Taylor) scores the weights, a
 * {@link dev.ablate.compress.prune.Scope} (layer, global) and a {@link dev.ablate.compress.prune.Structure}
 * (unstructured, N:M, neuron/channel) turn the scores into 0/1 masks ({@link dev.ablate.compress.prune.Pruner}),
 * {@link dev.ablate.compress.prune.StructuredSurgery} physically removes pruned units, and
 * {@link dev.ablate.compress.prune.PruningProcedure} runs a schedule (one-shot, iterative, gradual, lottery) with
 * fine-tuning. Masks persist through {@link dev.ablate.nn.Trainer} fine-tuning and
 * {@link dev.ablate.nn.NetworkCodec} round trips.
 */
package dev.ablate.compress.prune;
