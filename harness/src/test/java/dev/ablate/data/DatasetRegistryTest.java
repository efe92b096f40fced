package dev.ablate.data;

import dev.ablate.spec.TrialKey;
import dev.ablate.spec.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetRegistryTest {

    @TempDir
    Path dir;

    @Test
    void namesAreTheFourSources() {
        assertEquals(List.of("csv", "fashion-mnist", "fashion-mnist-mini", "synthetic"), DatasetRegistry.names());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetRegistry.load(DatasetSpec.named("mnist", 0)));
        assertEquals("unknown dataset 'mnist'; valid names: csv, fashion-mnist, fashion-mnist-mini, synthetic",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetRegistry.fingerprint(DatasetSpec.named("mnist", 0)));
    }

    @Test
    void validationIsTheTailOfAFixedPermutationDisjointFromTrain() {
        int n = 1000;
        Dataset full = indexed(n);
        DatasetSpec spec = new DatasetSpec("synthetic", 150, null, null, 0, n, 0, 1, 2, 0);
        DatasetSource.TrainTest data = new DatasetSource.TrainTest(full, indexed(0));

        DatasetSplits splits = DatasetRegistry.split(spec, data, "f");

        assertEquals(850, splits.train().size());
        assertEquals(150, splits.validation().size());
        Set<Integer> seen = new HashSet<>();
        for (Dataset split : List.of(splits.train(), splits.validation())) {
            int previous = -1;
            for (float x : split.features()) {
                int i = (int) x;
                assertTrue(seen.add(i), "example " + i + " in both splits");
                assertTrue(i > previous, "splits keep the source order");
                previous = i;
            }
        }
        assertEquals(n, seen.size());
        int[] order = Permutation.of(n, DatasetRegistry.VALIDATION_SEED);
        Set<Integer> expected = new HashSet<>();
        for (int k = n - 150; k < n; k++) {
            expected.add(order[k]);
        }
        Set<Integer> actual = new HashSet<>();
        for (float x : splits.validation().features()) {
            actual.add((int) x);
        }
        assertEquals(expected, actual);
        // the rule has no seed input other than the constant: splitting again gives the same split
        assertArrayEquals(splits.validation().features(), DatasetRegistry.split(spec, data, "f").validation().features());
        assertEquals("synthetic/validation", splits.validation().name());
    }

    @Test
    void validationMustLeaveTrainingData() {
        DatasetSpec spec = new DatasetSpec("synthetic", 10, null, null, 0, 10, 0, 1, 2, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetRegistry.split(spec, new DatasetSource.TrainTest(indexed(10), indexed(0)), "f"));
        assertEquals("dataset synthetic: validation 10 must be smaller than the 10 training examples", e.getMessage());
    }

    @Test
    void loadsAndMemoisesPerSpec() {
        DatasetSpec spec = new DatasetSpec("synthetic", 40, null, null, 0, 200, 50, 4, 3, 11);
        DatasetSplits first = DatasetRegistry.load(spec);
        assertSame(first, DatasetRegistry.load(spec));
        assertSame(first, DatasetRegistry.load(new DatasetSpec("synthetic", 40, null, null, 0, 200, 50, 4, 3, 11)));
        assertEquals(160, first.train().size());
        assertEquals(40, first.validation().size());
        assertEquals(50, first.test().size());
        assertEquals(DatasetRegistry.fingerprint(spec), first.fingerprint());
    }

    @Test
    void miniLoadsWithValidationSplit() {
        DatasetSplits splits = DatasetRegistry.load(DatasetSpec.named("fashion-mnist-mini", 1000));
        assertEquals(9000, splits.train().size());
        assertEquals(1000, splits.validation().size());
        assertEquals(2000, splits.test().size());
        assertSame(splits, DatasetRegistry.load(DatasetSpec.named("fashion-mnist-mini", 1000)));
        DatasetSplits none = DatasetRegistry.load(DatasetSpec.named("fashion-mnist-mini", 0));
        assertEquals(10_000, none.train().size());
        assertEquals(0, none.validation().size());
        assertArrayEquals(new int[] {1, 28, 28}, none.validation().exampleShape());
    }

    @Test
    void fingerprintIsStableAndSensitiveToDataAndSplitRule() throws IOException {
        String mini = DatasetRegistry.fingerprint(DatasetSpec.named("fashion-mnist-mini", 1000));
        assertTrue(mini.matches("[0-9a-f]{64}"), mini);
        assertEquals(mini, DatasetRegistry.fingerprint(DatasetSpec.named("fashion-mnist-mini", 1000)));
        assertEquals(mini, new FingerprintRecomputed().of(DatasetSpec.named("fashion-mnist-mini", 1000)));
        assertNotEquals(mini, DatasetRegistry.fingerprint(DatasetSpec.named("fashion-mnist-mini", 999)));

        String synthetic = DatasetRegistry.fingerprint(DatasetSpec.synthetic(100, 10, 4, 3, 1));
        assertNotEquals(synthetic, DatasetRegistry.fingerprint(DatasetSpec.synthetic(100, 10, 4, 3, 2)));
        assertNotEquals(synthetic, DatasetRegistry.fingerprint(new DatasetSpec("synthetic", 5, null, null, 0, 100, 10, 4, 3, 1)));

        Path a = csv("a.csv", "1,0", "2,1", "3,0", "4,1");
        Path sameBytes = csv("b.csv", "1,0", "2,1", "3,0", "4,1");
        Path other = csv("c.csv", "1,0", "2,1", "3,0", "5,1");
        String fa = DatasetRegistry.fingerprint(csvSpec(a, 0.25, 3));
        assertEquals(fa, DatasetRegistry.fingerprint(csvSpec(sameBytes, 0.25, 3)), "same data, same fingerprint");
        assertNotEquals(fa, DatasetRegistry.fingerprint(csvSpec(other, 0.25, 3)));
        assertNotEquals(fa, DatasetRegistry.fingerprint(csvSpec(a, 0.5, 3)));
        assertNotEquals(fa, DatasetRegistry.fingerprint(csvSpec(a, 0.25, 4)));
    }

    /** Recomputes through a fresh source, bypassing the registry's memo, to show the value is not an accident of caching. */
    private static final class FingerprintRecomputed {
        String of(DatasetSpec spec) {
            String source = new FashionMnistMini().sourceDigest(spec);
            return TrialKey.sha256Hex("validation-split v1\ndataset=" + spec.name() + "\nsource=" + source
                    + "\nvalidation=" + spec.validation() + "\nvalidationSeed=" + DatasetRegistry.VALIDATION_SEED + "\n");
        }
    }

    private Path csv(String name, String... rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("x,y");
        lines.addAll(List.of(rows));
        return Files.write(dir.resolve(name), lines);
    }

    private static DatasetSpec csvSpec(Path file, double testFraction, long seed) {
        return new DatasetSpec("csv", 0, file.toString(), "y", testFraction, 0, 0, 0, 0, seed);
    }

    /** n one-feature examples whose feature is their index. */
    private static Dataset indexed(int n) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        return new Dataset("indexed", x, y, new int[] {1}, List.of("even", "odd"));
    }
}
