package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetSplits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static dev.ablate.compress.distill.DistillTestData.assertRowsAreLogProbabilities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tribuo tree-ensemble teachers on Gaussian blobs (chance accuracy 0.25; with 30 trees of depth 4 the random
 * forest reaches 0.80 on the test split and XGBoost 0.82).
 */
class TreeTeachersTest {

    private static final DatasetSplits BLOBS = DistillTestData.blobs();

    @ParameterizedTest
    @ValueSource(strings = {Teachers.RANDOM_FOREST, Teachers.XGBOOST})
    void learnsAndYieldsLogProbabilitiesForEveryTrainingExample(String arch) {
        TeacherTargets targets = Teachers.create(DistillTestData.tree(arch, 30, 4)).teach(BLOBS, 1);

        assertEquals(BLOBS.train().size(), targets.train().size());
        assertEquals(BLOBS.test().size(), targets.test().size());
        assertEquals(DistillTestData.CLASSES, targets.train().classes());
        assertTrue(targets.testAccuracy() > 0.75, arch + " test accuracy " + targets.testAccuracy());
        assertTrue(targets.train().accuracy() > 0.75, arch + " train accuracy " + targets.train().accuracy());
        assertRowsAreLogProbabilities(targets.train());
        assertRowsAreLogProbabilities(targets.test());
    }

    @ParameterizedTest
    @ValueSource(strings = {Teachers.RANDOM_FOREST, Teachers.XGBOOST})
    void sameSeedSameTargets(String arch) {
        Teacher teacher = Teachers.create(DistillTestData.tree(arch, 10, 3));
        assertEquals(teacher.teach(BLOBS, 7), teacher.teach(BLOBS, 7));
    }

    @Test
    void randomForestDependsOnTheSeed() {
        Teacher teacher = Teachers.create(DistillTestData.tree(Teachers.RANDOM_FOREST, 10, 3));
        assertNotEquals(teacher.teach(BLOBS, 7).train(), teacher.teach(BLOBS, 8).train());
    }

    /**
     * Class names whose sorted order differs from our index order, and a class missing from the training split:
     * probabilities must come back under our indices, and the unseen class must get probability 0.
     */
    @ParameterizedTest
    @ValueSource(strings = {Teachers.RANDOM_FOREST, Teachers.XGBOOST})
    void mapsTribuoLabelsToOurClassIndicesByName(String arch) {
        List<String> names = List.of("zeta", "alpha", "mu", "beta");
        int unseen = 2;
        Dataset train = DistillTestData.renamed(without(BLOBS.train(), unseen), names);
        Dataset test = DistillTestData.renamed(without(BLOBS.test(), unseen), names);
        DatasetSplits splits = new DatasetSplits(train, DistillTestData.renamed(BLOBS.validation(), names), test,
                BLOBS.fingerprint());

        TeacherTargets targets = Teachers.create(DistillTestData.tree(arch, 30, 4)).teach(splits, 3);

        assertTrue(targets.testAccuracy() > 0.75, arch + " test accuracy " + targets.testAccuracy());
        assertRowsAreLogProbabilities(targets.test());
        float[] lp = targets.test().logProbabilities();
        for (int r = 0; r < targets.test().size(); r++) {
            assertTrue(lp[r * DistillTestData.CLASSES + unseen] < -15, "row " + r + " gives the unseen class "
                    + Math.exp(lp[r * DistillTestData.CLASSES + unseen]));
        }
    }

    private static Dataset without(Dataset data, int cls) {
        int d = data.featureCount();
        int[] keep = IntStream.range(0, data.size()).filter(i -> data.labels()[i] != cls).toArray();
        float[] x = new float[keep.length * d];
        for (int i = 0; i < keep.length; i++) {
            System.arraycopy(data.features(), keep[i] * d, x, i * d, d);
        }
        int[] y = Arrays.stream(keep).map(i -> data.labels()[i]).toArray();
        return new Dataset(data.name(), x, y, data.exampleShape(), data.classNames());
    }
}
