package dev.ablate.spec;

import java.util.Objects;

/**
 * The {@code compress.prune} step.
 *
 * @param criterion      {@code magnitude} (|w|)
 * @param scope          {@code global}: one threshold over all weight tensors (biases are never pruned)
 * @param structure      {@code unstructured}
 * @param sparsity       fraction of weights set to zero, in [0, 1)
 * @param schedule       {@code one-shot}
 * @param finetuneEpochs epochs of masked fine-tuning after pruning (0 for none), with the trial's train settings
 */
public record PruneConfig(String criterion, String scope, String structure, double sparsity, String schedule,
                          int finetuneEpochs) {
    public PruneConfig {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(schedule, "schedule");
        if (!(sparsity >= 0 && sparsity < 1) || finetuneEpochs < 0) {
            throw new IllegalArgumentException("bad prune config: sparsity=" + sparsity + " finetune_epochs=" + finetuneEpochs);
        }
    }
}
