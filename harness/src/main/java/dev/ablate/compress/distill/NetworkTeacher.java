package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetSplits;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.EpochListener;
import dev.ablate.nn.Network;
import dev.ablate.nn.Trainer;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;

import java.util.Objects;

/**
 * A zoo network as teacher: built by {@link ModelZoo#build} and trained by {@link Trainer} with plain
 * cross-entropy, both seeded with the teacher's seed (as a trial's own training stage is). Its targets are
 * {@code log_softmax} of its logits ({@link SoftTargets#of}).
 *
 * @param model any zoo architecture
 * @param train how it is trained
 */
record NetworkTeacher(ModelConfig model, TrainConfig train) implements Teacher {

    NetworkTeacher {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
    }

    /** @throws IllegalArgumentException as {@link ModelZoo#build} and {@link Trainer#train} do */
    @Override
    public TrainedTeacher train(DatasetSplits splits, long seed) {
        Dataset data = splits.train();
        Network net = ModelZoo.build(model, data.exampleShape(), data.classCount(), seed);
        new Trainer().train(net, data, splits.validation(), train, seed, EpochListener.NONE);
        return split -> SoftTargets.of(net, split);
    }
}
