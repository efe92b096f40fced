/**
 * Pruning: criteria and scopes that set 0/1 masks on a network's prunable weights. Masks persist through
 * {@link dev.ablate.nn.Trainer} fine-tuning and {@link dev.ablate.nn.NetworkCodec} round trips.
 */
package dev.ablate.compress.prune;
