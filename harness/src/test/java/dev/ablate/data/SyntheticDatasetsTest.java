package dev.ablate.data;

import dev.ablate.spec.DatasetSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticDatasetsTest {

    private final SyntheticDatasets synthetic = new SyntheticDatasets();

    @Test
    void sameSeedGivesIdenticalData() {
        DatasetSource.TrainTest a = synthetic.load(DatasetSpec.synthetic(500, 200, 8, 4, 42));
        DatasetSource.TrainTest b = synthetic.load(DatasetSpec.synthetic(500, 200, 8, 4, 42));
        assertArrayEquals(a.train().features(), b.train().features());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.test().features(), b.test().features());
        assertArrayEquals(a.test().labels(), b.test().labels());
    }

    @Test
    void differentSeedGivesDifferentData() {
        float[] a = synthetic.load(DatasetSpec.synthetic(100, 10, 8, 4, 1)).train().features();
        float[] b = synthetic.load(DatasetSpec.synthetic(100, 10, 8, 4, 2)).train().features();
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void shapesAndClassesFollowTheSpec() {
        DatasetSource.TrainTest data = synthetic.load(DatasetSpec.synthetic(300, 70, 5, 3, 9));
        assertEquals(300, data.train().size());
        assertEquals(70, data.test().size());
        assertArrayEquals(new int[] {5}, data.train().exampleShape());
        assertEquals(java.util.List.of("class-0", "class-1", "class-2"), data.train().classNames());
        for (int label : data.train().labels()) {
            assertTrue(label >= 0 && label < 3, "label " + label);
        }
        for (int count : FashionMnistTest.histogram(data.train().labels(), 3)) {
            assertTrue(count > 60, "every class is drawn, got " + count);
        }
    }

    @Test
    void learnableButNotTriviallySeparable() {
        DatasetSource.TrainTest data = synthetic.load(DatasetSpec.synthetic(4000, 2000, 20, 10, 3));
        double accuracy = nearestCentroidAccuracy(data.train(), data.test(), 10);
        assertTrue(accuracy > 0.6, "a nearest-centroid classifier should learn it, got " + accuracy);
        assertTrue(accuracy < 0.99, "should not be trivially separable, got " + accuracy);
    }

    @Test
    void badSpecsAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> synthetic.load(DatasetSpec.synthetic(10, 5, 3, 1, 0)));
        assertTrue(e.getMessage().contains("classes=1"), e.getMessage());
    }

    @Test
    void digestCoversEveryParameter() {
        String base = synthetic.sourceDigest(DatasetSpec.synthetic(100, 10, 8, 4, 1));
        assertEquals(base, synthetic.sourceDigest(DatasetSpec.synthetic(100, 10, 8, 4, 1)));
        for (DatasetSpec other : new DatasetSpec[] {DatasetSpec.synthetic(101, 10, 8, 4, 1),
                DatasetSpec.synthetic(100, 11, 8, 4, 1), DatasetSpec.synthetic(100, 10, 9, 4, 1),
                DatasetSpec.synthetic(100, 10, 8, 5, 1), DatasetSpec.synthetic(100, 10, 8, 4, 2)}) {
            assertNotEquals(base, synthetic.sourceDigest(other), other.toString());
        }
    }

    private static double nearestCentroidAccuracy(Dataset train, Dataset test, int classes) {
        int d = train.featureCount();
        double[] centroids = new double[classes * d];
        int[] counts = new int[classes];
        for (int i = 0; i < train.size(); i++) {
            int c = train.labels()[i];
            counts[c]++;
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] += train.features()[i * d + j];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] /= counts[c];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < classes; c++) {
                double distance = 0;
                for (int j = 0; j < d; j++) {
                    double diff = test.features()[i * d + j] - centroids[c * d + j];
                    distance += diff * diff;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            correct += best == test.labels()[i] ? 1 : 0;
        }
        return (double) correct / test.size();
    }
}
