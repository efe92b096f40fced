package dev.ablate.compress.distill;

import dev.ablate.data.DatasetSplits;

/**
 * A model that can teach: trained on a trial's splits, it gives class probabilities for any split of the same
 * data. Implementations: a zoo network, a Tribuo random forest or XGBoost ensemble ({@link Teachers#create}).
 */
public interface Teacher {

    /**
     * Trains the teacher on {@code splits.train()} (a network teacher also validates on
     * {@code splits.validation()}; the test split is never used for training).
     *
     * @param splits the trial's data
     * @param seed   seed of every random choice of the training, so the same splits and seed give the same
     *               teacher
     * @throws IllegalArgumentException if the data does not suit the teacher (see the implementation)
     */
    TrainedTeacher train(DatasetSplits splits, long seed);

    /**
     * Trains the teacher and returns its targets for the training split (what the student learns from) and
     * for the test split (what its reported accuracy comes from).
     */
    default TeacherTargets teach(DatasetSplits splits, long seed) {
        TrainedTeacher trained = train(splits, seed);
        return new TeacherTargets(trained.softTargets(splits.train()), trained.softTargets(splits.test()));
    }
}
