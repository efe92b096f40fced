package dev.ablate.data;

import dev.ablate.spec.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetsTest {

    @TempDir
    Path dir;

    private final CsvDatasets csv = new CsvDatasets();

    /** 20 rows; feature a = row number, b = -row, c = row * 0.5; label in the middle column. */
    private Path table() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("a,species,b,c");
        String[] species = {"virginica", "setosa", "versicolor"};
        for (int r = 0; r < 20; r++) {
            lines.add(r + "," + species[r % 3] + "," + (-r) + "," + (r * 0.5));
        }
        return Files.write(dir.resolve("iris-like.csv"), lines);
    }

    private static DatasetSpec spec(Path file, String label, double testFraction, long seed) {
        return new DatasetSpec("csv", 0, file.toString(), label, testFraction, 0, 0, 0, 0, seed);
    }

    @Test
    void loadsDenseFeaturesInHeaderOrderWithSortedClasses() throws IOException {
        DatasetSource.TrainTest data = csv.load(spec(table(), "species", 0.25, 7));

        Dataset train = data.train();
        Dataset test = data.test();
        assertEquals(15, train.size());
        assertEquals(5, test.size());
        assertArrayEquals(new int[] {3}, train.exampleShape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), train.classNames());
        Set<Integer> rows = new HashSet<>();
        for (Dataset split : List.of(train, test)) {
            float[] x = split.features();
            for (int i = 0; i < split.size(); i++) {
                int r = (int) x[i * 3];
                assertTrue(rows.add(r), "row " + r + " appears twice");
                assertEquals(-r, x[i * 3 + 1]);
                assertEquals(r * 0.5f, x[i * 3 + 2]);
                String species = List.of("virginica", "setosa", "versicolor").get(r % 3);
                assertEquals(species, split.classNames().get(split.labels()[i]), "label of row " + r);
            }
        }
        assertEquals(20, rows.size());
    }

    @Test
    void splitIsSeededAndDeterministic() throws IOException {
        Path file = table();
        int[] first = firstFeature(csv.load(spec(file, "species", 0.25, 7)).test());
        assertArrayEquals(first, firstFeature(csv.load(spec(file, "species", 0.25, 7)).test()));
        assertNotEquals(Arrays.toString(first), Arrays.toString(firstFeature(csv.load(spec(file, "species", 0.25, 8)).test())));
        assertEquals(0, csv.load(spec(file, "species", 0.0, 7)).test().size());
    }

    @Test
    void missingFileIsUnavailable() {
        Path missing = dir.resolve("nope.csv");
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> csv.load(spec(missing, "y", 0.2, 0)));
        assertTrue(e.getMessage().contains("file not found: " + missing.toAbsolutePath()), e.getMessage());
    }

    @Test
    void missingLabelColumnIsNamed() throws IOException {
        Path file = table();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> csv.load(spec(file, "label", 0.2, 0)));
        assertEquals(file + ":1: label column 'label' is not in the header [a, species, b, c]", e.getMessage());
    }

    @Test
    void nonNumericFeatureNamesLineAndColumn() throws IOException {
        Path file = Files.write(dir.resolve("bad.csv"), List.of("x,y,label", "1,2,a", "3,4,b", "5,oops,a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> csv.load(spec(file, "label", 0.2, 0)));
        assertEquals(file + ":4: column 'y': 'oops' is not a number", e.getMessage());
    }

    @Test
    void emptyValueAndBadSpecAreRejected() throws IOException {
        Path file = Files.write(dir.resolve("gap.csv"), List.of("x,label", "1,a", ",b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> csv.load(spec(file, "label", 0.2, 0)));
        assertEquals(file + ":3: column 'x': empty value", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> csv.load(spec(file, "label", 1.0, 0)));
        assertThrows(IllegalArgumentException.class, () -> csv.load(spec(file, null, 0.2, 0)));
    }

    @Test
    void digestFollowsContentAndSplitRule() throws IOException {
        Path file = table();
        String digest = csv.sourceDigest(spec(file, "species", 0.25, 7));
        assertEquals(digest, csv.sourceDigest(spec(file, "species", 0.25, 7)));
        Path copy = Files.copy(file, dir.resolve("copy.csv"));
        assertEquals(digest, csv.sourceDigest(spec(copy, "species", 0.25, 7)), "same bytes, same digest");
        assertNotEquals(digest, csv.sourceDigest(spec(file, "species", 0.3, 7)));
        assertNotEquals(digest, csv.sourceDigest(spec(file, "species", 0.25, 8)));
        Files.writeString(copy, "\n", java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(digest, csv.sourceDigest(spec(copy, "species", 0.25, 7)));
    }

    private static int[] firstFeature(Dataset d) {
        int[] v = new int[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) d.features()[i * d.featureCount()];
        }
        return v;
    }
}
