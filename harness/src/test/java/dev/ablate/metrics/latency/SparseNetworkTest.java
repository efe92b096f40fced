package dev.ablate.metrics.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.compress.prune.MagnitudePruner;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.ReLU;
import dev.ablate.spec.ModelConfig;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SparseNetworkTest {

    /**
     * Networks whose CSR logits must match: an MLP, LeNet-5, a BatchNorm CNN (padding 1), a stride-2 padded conv;
     * batch 19 runs CsrLinear's vector blocks and its scalar tail at 4, 8 or 16 lanes alike.
     */
    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String net : List.of("mlp", "lenet-5", "cnn-bn", "strided")) {
            for (double sparsity : new double[] {0, 0.9, 0.99}) {
                for (int batch : new int[] {1, 7, 19}) {
                    b.add(Arguments.of(net, sparsity, batch));
                }
            }
        }
        return b.build();
    }

    static Network network(String name) {
        return switch (name) {
            case "mlp" -> ModelZoo.build(new ModelConfig("mlp", List.of(64, 32), "relu"), new int[] {1, 12, 12}, 10, 1);
            case "lenet-5" -> ModelZoo.build(new ModelConfig("lenet-5", List.of(), "relu"), new int[] {1, 28, 28}, 10, 2);
            case "cnn-bn" -> ModelZoo.build(new ModelConfig("cnn-bn", List.of(), "relu"), new int[] {3, 8, 8}, 4, 3);
            case "strided" -> strided();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A convolution with stride 2, padding 1 and a kernel that does not tile the 7x7 input evenly. */
    private static Network strided() {
        SplittableRandom rng = new SplittableRandom(4);
        Conv2d conv = new Conv2d("conv1", 2, 7, 7, 3, 3, 2, 1);
        conv.resetParameters(rng);
        Linear fc = new Linear("fc1", 3 * 4 * 4, 5);
        fc.resetParameters(rng);
        List<Layer> layers = List.of(conv, new ReLU(3 * 4 * 4), new Flatten(new int[] {3, 4, 4}), fc);
        return new Network(layers);
    }

    static float[] inputs(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return x;
    }

    @ParameterizedTest(name = "{0} at sparsity {1}, batch {2}")
    @MethodSource("cases")
    void sparseLogitsEqualDenseLogits(String name, double sparsity, int batch) {
        Network dense = MagnitudePruner.pruneLayerwise(network(name), sparsity);
        SparseNetwork sparse = new SparseNetwork(dense);
        float[] x = inputs(batch, dense.inputSize(), 5);

        float[] expected = dense.logits(x, batch);
        float[] actual = sparse.logits(x, batch);

        assertEquals(expected.length, actual.length);
        float scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4f * Math.max(scale, 1e-3f), "logit " + i);
        }
    }

    @Test
    void storesExactlyTheNonzeroWeights() {
        Network dense = MagnitudePruner.pruneLayerwise(network("lenet-5"), 0.9);
        long nonzero = 0;
        long total = 0;
        for (Layer l : dense.layers()) {
            if (l instanceof Linear linear) {
                nonzero += linear.weight().nonzeroCount();
                total += linear.weight().size();
            } else if (l instanceof Conv2d conv) {
                nonzero += conv.weight().nonzeroCount();
                total += conv.weight().size();
            }
        }
        assertEquals(nonzero, new SparseNetwork(dense).storedWeights());
        assertTrue(nonzero < total / 9, nonzero + " of " + total);
    }

    @Test
    void csrMatrixHoldsRowsColumnsAndValues() {
        float[] dense = {
            0, 2, 0, 0,
            0, 0, 0, 0,
            -1, 0, 0, 3.5f,
        };
        CsrMatrix m = CsrMatrix.of(dense, 3, 4);
        assertEquals(3, m.nonzeroCount());
        assertArrayEquals(new int[] {0, 1, 1, 3}, m.rowStart());
        assertArrayEquals(new int[] {1, 0, 3}, m.columns());
        assertArrayEquals(new float[] {2, -1, 3.5f}, m.values());
        assertEquals(0, CsrMatrix.of(new float[6], 2, 3).nonzeroCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsrMatrix.of(dense, 4, 4));
        assertTrue(e.getMessage().contains("4 x 4"), e.getMessage());
    }

    @Test
    void isASnapshotWithItsOwnBuffers() {
        Network dense = MagnitudePruner.pruneLayerwise(network("lenet-5"), 0.8);
        float[] x = inputs(3, dense.inputSize(), 6);
        float[] before = dense.logits(x, 3);
        SparseNetwork sparse = new SparseNetwork(dense);
        SparseNetwork other = new SparseNetwork(dense);
        other.logits(inputs(5, dense.inputSize(), 7), 5);
        dense.parameters().get(0).data()[0] += 1f;

        float[] after = sparse.logits(x, 3);

        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 1e-4f * Math.max(1f, Math.abs(before[i])), "logit " + i);
        }
    }
}
