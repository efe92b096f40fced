package dev.ablate.data;

import dev.ablate.spec.DatasetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistMiniTest {

    private static DatasetSource.TrainTest mini;

    @BeforeAll
    static void load() {
        mini = new FashionMnistMini().load(DatasetSpec.named(FashionMnistMini.NAME, 0));
    }

    @Test
    void shipsTenThousandTrainAndTwoThousandTestExamplesClassBalanced() {
        assertEquals(10_000, mini.train().size());
        assertEquals(2_000, mini.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, mini.train().exampleShape());
        assertEquals(FashionMnist.CLASS_NAMES, mini.train().classNames());
        assertArrayEquals(FashionMnistTest.filled(10, 1000), FashionMnistTest.histogram(mini.train().labels(), 10));
        assertArrayEquals(FashionMnistTest.filled(10, 200), FashionMnistTest.histogram(mini.test().labels(), 10));
    }

    @Test
    void resourcesAreExactlyTheDocumentedSubsetOfTheFullDataset(@TempDir Path cache) {
        assumeTrue(FashionMnistTest.systemFilesPresent(), "full Fashion-MNIST not installed; cannot re-derive the subset");
        DatasetSource.TrainTest full = FashionMnistTest.systemOnly(cache).load(DatasetSpec.named(FashionMnist.NAME, 0));

        assertSubset(full.train(), FashionMnistMini.TRAIN_PER_CLASS, mini.train());
        assertSubset(full.test(), FashionMnistMini.TEST_PER_CLASS, mini.test());
    }

    @Test
    void firstPerClassKeepsFileOrder() {
        int[] labels = {2, 0, 0, 1, 2, 0, 1, 1, 2};
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 6}, FashionMnistMini.firstPerClass(labels, 3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionMnistMini.firstPerClass(labels, 3, 4));
        assertEquals("need 4 examples per class, found [3, 3, 3]", e.getMessage());
    }

    @Test
    void digestIsStableAndCoversTheResources() {
        FashionMnistMini source = new FashionMnistMini();
        DatasetSpec spec = DatasetSpec.named(FashionMnistMini.NAME, 0);
        assertEquals(source.sourceDigest(spec), source.sourceDigest(spec));
        assertEquals(64, source.sourceDigest(spec).length());
    }

    private static void assertSubset(Dataset full, int perClass, Dataset subset) {
        int[] keep = FashionMnistMini.firstPerClass(full.labels(), 10, perClass);
        assertEquals(keep.length, subset.size());
        int d = full.featureCount();
        for (int k = 0; k < keep.length; k++) {
            int i = keep[k];
            assertEquals(full.labels()[i], subset.labels()[k], "label of subset example " + k);
            float[] expected = Arrays.copyOfRange(full.features(), i * d, (i + 1) * d);
            float[] actual = Arrays.copyOfRange(subset.features(), k * d, (k + 1) * d);
            assertArrayEquals(expected, actual, "pixels of subset example " + k + " (source index " + i + ")");
        }
    }
}
