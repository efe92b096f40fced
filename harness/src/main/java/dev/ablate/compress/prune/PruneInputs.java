package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import dev.ablate.nn.Objective;
import dev.ablate.spec.TrainConfig;

import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * What a {@link PruningProcedure} works from.
 *
 * @param network      the trained network; not modified
 * @param train        training split (fine-tuning, Taylor scores, rewinding)
 * @param validation   validation split, evaluated after every fine-tuning epoch; may be empty
 * @param trainConfig  the trial's train settings; fine-tuning uses them with {@code finetune_epochs} epochs
 * @param seed         seed of this stage's fine-tuning and random draws
 * @param trainSeed    the seed the original training used
 * @param freshNetwork builds the trial's untrained model from an init seed; {@code freshNetwork.apply(trainSeed)}
 *                     is the initialisation {@code network} was trained from
 * @param objective    makes the fine-tuning loss (e.g. distillation from the unpruned model); null for
 *                     cross-entropy
 */
public record PruneInputs(Network network, Dataset train, Dataset validation, TrainConfig trainConfig, long seed,
                          long trainSeed, LongFunction<Network> freshNetwork, Supplier<Objective> objective) {

    public PruneInputs {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(trainConfig, "trainConfig");
        Objects.requireNonNull(freshNetwork, "freshNetwork");
    }
}
