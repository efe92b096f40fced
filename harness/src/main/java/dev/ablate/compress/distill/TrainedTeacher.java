package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;

/** A {@link Teacher} after training: predicts class log-probabilities. Not thread-safe. */
@FunctionalInterface
public interface TrainedTeacher {

    /**
     * The teacher's log-probabilities for every example of {@code split}, in its order, with its accuracy on
     * the split's labels.
     *
     * @throws IllegalArgumentException if the split's features or classes differ from the training split's
     */
    SoftTargets softTargets(Dataset split);
}
