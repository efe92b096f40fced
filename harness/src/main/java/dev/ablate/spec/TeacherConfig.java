package dev.ablate.spec;

import java.util.Objects;

/**
 * One teacher of a {@code compress.distill} step: a model the harness trains on the trial's training split
 * (its own stage, cached and shared by every student with the same teacher).
 *
 * @param model the teacher's architecture: any network of the zoo, or a Tribuo tree ensemble
 *              ({@code random-forest}, {@code xgboost}) whose predicted class probabilities are the soft targets
 * @param train how a network teacher is trained (tree ensembles use only their own model keys)
 */
public record TeacherConfig(ModelConfig model, TrainConfig train) {
    public TeacherConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
    }
}
