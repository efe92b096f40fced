package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.CorruptArtifactException;
import dev.ablate.nn.Network;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static dev.ablate.compress.distill.DistillTestData.assertRowsAreLogProbabilities;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SoftTargets}: construction from logits and networks, ensembles, and the byte format. */
class SoftTargetsTest {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void fromLogitsIsLogSoftmaxScoredAgainstTheLabels() {
        float[] logits = {1000f, 1001f, 999f, 0f, -2f, NEG_INF};
        SoftTargets t = SoftTargets.fromLogits(logits, 3, new int[] {1, 2});

        assertRowsAreLogProbabilities(t);
        double z = Math.log(1 + Math.exp(1) + Math.exp(-1));
        assertEquals(-1 - z + 1, t.logProbabilities()[0], 1e-6);
        assertEquals(Float.NEGATIVE_INFINITY, t.logProbabilities()[5]);
        assertEquals(0.5, t.accuracy()); // row 0 predicts 1 (right), row 1 predicts 0 (wrong)
    }

    @Test
    void ofNetworkIsLogSoftmaxOfItsLogits() {
        Dataset data = DistillTestData.blobs().test();
        Network net = ModelZoo.build(new ModelConfig("mlp", List.of(5), "relu"), data.exampleShape(),
                data.classCount(), 2);

        SoftTargets t = SoftTargets.of(net, data);

        SoftTargets expected = SoftTargets.fromLogits(net.logits(data.features(), data.size()), data.classCount(),
                data.labels());
        assertEquals(expected, t);
        int[] predicted = net.predict(data.features(), data.size());
        long correct = IntStream.range(0, data.size())
                .filter(i -> predicted[i] == data.labels()[i]).count();
        assertEquals((double) correct / data.size(), t.accuracy());
    }

    @Test
    void ensembleIsTheLogOfTheMeanProbability() {
        SoftTargets a = SoftTargets.fromLogits(new float[] {0f, NEG_INF, 1f, 2f}, 2, new int[] {0, 1});
        SoftTargets b = SoftTargets.fromLogits(new float[] {NEG_INF, 0f, 3f, -1f}, 2, new int[] {0, 1});

        SoftTargets mean = SoftTargets.ensemble(List.of(a, b));

        assertEquals(Double.NaN, mean.accuracy());
        assertRowsAreLogProbabilities(mean);
        for (int i = 0; i < 4; i++) {
            double p = (Math.exp(a.logProbabilities()[i]) + Math.exp(b.logProbabilities()[i])) / 2;
            assertEquals(Math.log(p), mean.logProbabilities()[i], 1e-6, "value " + i);
        }
        assertEquals(0.5, mean.withAccuracyOn(new int[] {0, 1}).accuracy()); // row 0 ties: first class wins
        assertArrayEquals(a.logProbabilities(), SoftTargets.ensemble(List.of(a, a)).logProbabilities(), 1e-6f);
    }

    @Test
    void ensembleRejectsNoMembersAndMismatchedShapes() {
        SoftTargets a = new SoftTargets(2, new float[4], Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> SoftTargets.ensemble(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SoftTargets.ensemble(List.of(a, new SoftTargets(4, new float[4], Double.NaN))));
        assertThrows(IllegalArgumentException.class,
                () -> SoftTargets.ensemble(List.of(a, new SoftTargets(2, new float[6], Double.NaN))));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.875, Double.NaN})
    void bytesRoundTripExactly(double accuracy) {
        SoftTargets t = new SoftTargets(3, new float[] {-0.1f, NEG_INF, -2.5f, -1e-30f, -3f, -0f}, accuracy);
        byte[] bytes = t.encode();
        assertEquals(22 + 6 * 4 + 4, bytes.length);
        assertEquals(t, SoftTargets.decode(bytes));
        SoftTargets empty = new SoftTargets(10, new float[0], Double.NaN);
        assertEquals(empty, SoftTargets.decode(empty.encode()));
    }

    @Test
    void decodeRejectsDamagedBytes() {
        byte[] good = new SoftTargets(2, new float[] {-0.5f, -1f, -2f, -0.2f}, 0.5).encode();
        byte[] flipped = good.clone();
        flipped[30] ^= 1;
        byte[] version = good.clone();
        version[5] = 9;
        byte[] magic = good.clone();
        magic[0] = 'X';
        for (byte[] bad : List.of(Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 4),
                Arrays.copyOf(good, 10), flipped, version, magic)) {
            assertThrows(CorruptArtifactException.class, () -> SoftTargets.decode(bad));
        }
    }

    @Test
    void rejectsRaggedArraysAndMismatchedLabels() {
        assertThrows(IllegalArgumentException.class, () -> new SoftTargets(3, new float[4], Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SoftTargets(0, new float[0], Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SoftTargets.fromLogits(new float[6], 3, new int[3]));
        assertThrows(IllegalArgumentException.class,
                () -> SoftTargets.fromLogits(new float[] {NEG_INF, NEG_INF}, 2, new int[1]));
        assertTrue(new SoftTargets(2, new float[4], 1).toString().contains("2x2"));
    }
}
