package dev.ablate.compress.prune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.ReferenceVectors;
import dev.ablate.nn.Trainer;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagnitudePrunerTest {

    static Stream<Arguments> referenceCases(String method) {
        return ReferenceVectors.cases("magnitude_prune.json").stream()
                .filter(c -> c.get("method").asText().equals(method))
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    static Stream<Arguments> l1Cases() {
        return referenceCases("l1_unstructured");
    }

    static Stream<Arguments> lnStructuredCases() {
        return referenceCases("ln_structured");
    }

    static Stream<Arguments> globalCases() {
        return referenceCases("global_unstructured(L1Unstructured)");
    }

    private static int zeros(float[] mask) {
        int z = 0;
        for (float m : mask) {
            if (m == 0f) {
                z++;
            }
        }
        return z;
    }

    private static float[] asFloats(int[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = a[i];
        }
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("l1Cases")
    void l1UnstructuredMatchesPyTorch(String name, JsonNode c) {
        assertTrue(!c.get("amount_is_int").asBoolean());
        float[] w = ReferenceVectors.floats(c.get("weight"));
        float[] mask = MagnitudePruner.l1UnstructuredMask(w, c.get("amount").asDouble());
        assertEquals(c.get("n_pruned").asInt(), MagnitudePruner.pruneCount(c.get("amount").asDouble(), w.length));
        assertEquals(c.get("n_pruned").asInt(), zeros(mask));
        assertArrayEquals(asFloats(ReferenceVectors.ints(c.get("mask"))), mask);
        float[] pruned = ReferenceVectors.floats(c.get("pruned_weight"));
        for (int i = 0; i < w.length; i++) {
            assertEquals(pruned[i], w[i] * mask[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("globalCases")
    void globalUnstructuredMatchesPyTorch(String name, JsonNode c) {
        List<float[]> ws = new ArrayList<>();
        c.get("weights").forEach(w -> ws.add(ReferenceVectors.floats(w)));
        List<float[]> masks = MagnitudePruner.globalUnstructuredMasks(ws, c.get("amount").asDouble());
        int total = 0;
        for (int t = 0; t < ws.size(); t++) {
            assertArrayEquals(asFloats(ReferenceVectors.ints(c.get("masks").get(t))), masks.get(t), "tensor " + t);
            total += zeros(masks.get(t));
        }
        assertEquals(c.get("n_pruned").asInt(), total);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lnStructuredCases")
    void lnStructuredMatchesPyTorch(String name, JsonNode c) {
        assertEquals(0, c.get("dim").asInt());
        float[] w = ReferenceVectors.floats(c.get("weight"));
        int rows = c.get("shape").get(0).asInt();
        int n = c.get("n").asInt();
        float[] norms = UnitScores.of(abs(w), rows, n);
        float[] expectedNorms = ReferenceVectors.floats(c.get("channel_norms"));
        for (int r = 0; r < rows; r++) {
            assertEquals(expectedNorms[r], norms[r], 1e-6 * expectedNorms[r], "norm of channel " + r);
        }
        float[] mask = MagnitudePruner.lnStructuredMask(w, rows, c.get("amount").asDouble(), n);
        assertArrayEquals(asFloats(ReferenceVectors.ints(c.get("mask"))), mask);
        assertEquals(c.get("n_pruned_channels").asInt() * (w.length / rows), zeros(mask));
        float[] pruned = ReferenceVectors.floats(c.get("pruned_weight"));
        for (int i = 0; i < w.length; i++) {
            assertEquals(pruned[i], w[i] * mask[i]);
        }
    }

    private static float[] abs(float[] w) {
        float[] a = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            a[i] = Math.abs(w[i]);
        }
        return a;
    }

    @Test
    void pruneCountRoundsHalfToEven() {
        assertEquals(8, MagnitudePruner.pruneCount(0.5, 15));
        assertEquals(4, MagnitudePruner.pruneCount(0.3, 15));
        assertEquals(2, MagnitudePruner.pruneCount(0.5, 5));
        assertThrows(IllegalArgumentException.class, () -> MagnitudePruner.pruneCount(1.5, 5));
    }

    @Test
    void tiesGoToTheLowerFlatIndex() {
        float[] w = {0.5f, -0.2f, 0.2f, 0.1f, -0.2f, 0.9f};
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 1}, MagnitudePruner.l1UnstructuredMask(w, 2 / 6.0));
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 1}, MagnitudePruner.l1UnstructuredMask(w, 3 / 6.0));
    }

    private static Network mlp() {
        return ModelZoo.build(new ModelConfig("mlp", List.of(24, 12), "relu"), new int[] {8}, 4, 9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.25, 0.5, 0.9, 0.99})
    void globalPruningHitsTheExactSparsityOnWeightsOnly(double sparsity) {
        Network net = mlp();
        Network pruned = MagnitudePruner.pruneGlobal(net, sparsity);
        long weights = 0, masked = 0;
        float maxPruned = 0, minKept = Float.MAX_VALUE;
        for (Parameter p : pruned.parameters()) {
            if (!p.prunable()) {
                assertNull(p.mask(), p.name());
                assertArrayEquals(net.parameter(p.name()).data(), p.data(), "bias untouched");
                continue;
            }
            assertNull(net.parameter(p.name()).mask(), "input network unchanged");
            weights += p.size();
            masked += zeros(p.mask());
            float[] orig = net.parameter(p.name()).data();
            for (int i = 0; i < p.size(); i++) {
                if (p.mask()[i] == 0f) {
                    assertEquals(0f, p.data()[i]);
                    maxPruned = Math.max(maxPruned, Math.abs(orig[i]));
                } else {
                    assertEquals(orig[i], p.data()[i]);
                    minKept = Math.min(minKept, Math.abs(orig[i]));
                }
            }
        }
        assertEquals(Math.round(sparsity * weights), masked); // no .5 ties at these sizes
        assertTrue(maxPruned <= minKept, "global threshold: pruned " + maxPruned + " kept " + minKept);
    }

    @Test
    void layerwisePruningPrunesEachLayerByTheFraction() {
        Network pruned = MagnitudePruner.pruneLayerwise(mlp(), 0.5);
        for (Parameter p : pruned.parameters()) {
            if (p.prunable()) {
                assertEquals(MagnitudePruner.pruneCount(0.5, p.size()), zeros(p.mask()), p.name());
            }
        }
    }

    @Test
    void masksSurviveFineTuning() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 400, d = 8;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) rng.nextGaussian();
            }
            y[i] = (x[i * d] > 0 ? 2 : 0) + (x[i * d + 1] > 0 ? 1 : 0);
        }
        Dataset data = new Dataset("toy/train", x, y, new int[] {d}, List.of("a", "b", "c", "d"));
        Network pruned = MagnitudePruner.pruneGlobal(mlp(), 0.8);
        long nonzeroBefore = pruned.nonzeroParameterCount();
        Dataset noValidation = new Dataset("toy/validation", new float[0], new int[0], new int[] {d}, data.classNames());
        new Trainer().train(pruned, data, noValidation, new TrainConfig(4, 32, "sgd", 0.05, 0.9, 1e-4), 1, null);
        for (Parameter p : pruned.parameters()) {
            if (p.prunable()) {
                for (int i = 0; i < p.size(); i++) {
                    if (p.mask()[i] == 0f) {
                        assertEquals(0, Float.floatToRawIntBits(p.data()[i]), p.name() + "[" + i + "]");
                    }
                }
            }
        }
        assertTrue(pruned.nonzeroParameterCount() <= nonzeroBefore);
        // pruning again keeps earlier pruned weights pruned
        Network again = MagnitudePruner.pruneGlobal(pruned, 0.5);
        for (Parameter p : again.parameters()) {
            if (p.prunable()) {
                float[] old = pruned.parameter(p.name()).mask();
                for (int i = 0; i < p.size(); i++) {
                    assertTrue(old[i] == 1f || p.mask()[i] == 0f);
                }
            }
        }
    }
}
