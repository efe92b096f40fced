package dev.ablate.compress.distill;

import dev.ablate.data.DatasetSplits;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.EpochListener;
import dev.ablate.nn.Network;
import dev.ablate.nn.NetworkCodec;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.spec.KdParams;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: a narrow student (an {@code mlp} with 4 hidden units) trained by {@link Trainer} on
 * {@link KdLoss} (T = 4, α = 0.9) from a good teacher's training-split targets learns the blobs, and the same
 * seed gives the same student bit for bit.
 */
class DistillationTest {

    private static final DatasetSplits BLOBS = DistillTestData.blobs();
    private static final KdParams KD = new KdParams(4, 0.9);

    @Test
    void studentLearnsFromANetworkTeacher() {
        TeacherTargets teacher = Teachers.create(DistillTestData.mlp(List.of(64), 10)).teach(BLOBS, 1);
        assertTrue(teacher.testAccuracy() > 0.8, "teacher test accuracy " + teacher.testAccuracy());

        Network student = distil(teacher.train(), 21);

        double accuracy = QualityMetrics.accuracy(student, BLOBS.test());
        assertTrue(accuracy > 0.75, "student test accuracy " + accuracy + " (chance 0.25)");
        assertArrayEquals(NetworkCodec.encode(student), NetworkCodec.encode(distil(teacher.train(), 21)));
    }

    @Test
    void studentLearnsFromATreeEnsembleTeacher() {
        TeacherTargets teacher = Teachers.create(DistillTestData.tree(Teachers.XGBOOST, 30, 4)).teach(BLOBS, 1);

        double accuracy = QualityMetrics.accuracy(distil(teacher.train(), 5), BLOBS.test());

        assertTrue(accuracy > 0.75, "student test accuracy " + accuracy + " (chance 0.25)");
    }

    private static Network distil(SoftTargets targets, long seed) {
        ModelConfig narrow = new ModelConfig("mlp", List.of(4), "relu");
        Network student = ModelZoo.build(narrow, BLOBS.train().exampleShape(), BLOBS.train().classCount(), seed);
        new Trainer().train(student, BLOBS.train(), BLOBS.validation(), DistillTestData.adam(10), seed,
                EpochListener.NONE, TrainingHooks.NONE.withObjective(new KdLoss(targets, KD)));
        return student;
    }
}
