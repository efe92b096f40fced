package dev.ablate.compress.distill;

import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.DatasetSplits;
import dev.ablate.spec.DatasetSpec;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TeacherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.ablate.compress.distill.DistillTestData.assertRowsAreLogProbabilities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Teachers#create}: dispatch, the network teacher, and the messages for unsupported settings. */
class TeachersTest {

    @Test
    void networkTeacherTrainsAZooNetworkDeterministically() {
        DatasetSplits blobs = DistillTestData.blobs();
        Teacher teacher = Teachers.create(DistillTestData.mlp(List.of(32), 10));

        TeacherTargets targets = teacher.teach(blobs, 3);

        assertTrue(targets.testAccuracy() > 0.8, "test accuracy " + targets.testAccuracy());
        assertEquals(blobs.train().size(), targets.train().size());
        assertRowsAreLogProbabilities(targets.train());
        assertEquals(targets, teacher.teach(blobs, 3));
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of(config("resnet", 0, 0), "model.arch: unknown teacher architecture 'resnet' (valid: "
                        + "logreg, mlp, lenet-300-100, lenet-5, cnn-bn, random-forest, xgboost)"),
                Arguments.of(config(Teachers.RANDOM_FOREST, 0, 4), "model.trees: random-forest needs at least 1 tree"),
                Arguments.of(config(Teachers.XGBOOST, 10, 0), "model.max_depth: xgboost needs a depth of at least 1"),
                Arguments.of(new TeacherConfig(new ModelConfig(Teachers.XGBOOST, List.of(), "relu", 0, false, 0.5, 10, 3),
                        DistillTestData.adam(1)), "model.hidden/model.dropout/model.batch_norm/model.width: xgboost"),
                Arguments.of(new TeacherConfig(new ModelConfig(Teachers.RANDOM_FOREST, List.of(8), "relu", 0, false, 1,
                        10, 3), DistillTestData.adam(1)), "hidden=[8]"),
                Arguments.of(config("mlp", 50, 0), "model.trees/model.max_depth: only tree ensembles (random-forest, "
                        + "xgboost) take them, but mlp was given trees=50"));
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void rejectsUnsupportedSettingsNamingTheKey(TeacherConfig cfg, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Teachers.create(cfg));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void randomForestNeedsTwoFeatures() {
        DatasetSplits oneFeature = DatasetRegistry.load(DatasetSpec.synthetic(50, 10, 1, 2, 1));
        Teacher forest = Teachers.create(DistillTestData.tree(Teachers.RANDOM_FOREST, 5, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> forest.train(oneFeature, 1));
        assertTrue(e.getMessage().contains("random-forest needs at least 2 features"), e.getMessage());
    }

    private static TeacherConfig config(String arch, int trees, int maxDepth) {
        return new TeacherConfig(new ModelConfig(arch, List.of(), "relu", 0, false, 1, trees, maxDepth),
                DistillTestData.adam(1));
    }
}
