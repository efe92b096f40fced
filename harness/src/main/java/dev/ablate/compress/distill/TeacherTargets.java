package dev.ablate.compress.distill;

import java.util.Objects;

/**
 * What a trained {@link Teacher} hands on: its targets for the training split, which the student's
 * {@link KdLoss} reads, and for the test split, which only report the teacher's quality. Keeping the test rows
 * (rather than just a number) lets a teacher ensemble's test accuracy be computed from its members'.
 *
 * @param train targets for every training example
 * @param test  targets for every test example, scored against the test labels
 */
public record TeacherTargets(SoftTargets train, SoftTargets test) {

    public TeacherTargets {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /** The teacher's top-1 accuracy on the test split. */
    public double testAccuracy() {
        return test.accuracy();
    }
}
