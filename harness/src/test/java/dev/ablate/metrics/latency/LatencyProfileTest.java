package dev.ablate.metrics.latency;

import static dev.ablate.metrics.latency.LatencyMeterTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ablate.compress.prune.MagnitudePruner;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.integer.Int8Calibration;
import dev.ablate.compress.quant.integer.IntegerNetwork;
import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Blas;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.spec.ModelConfig;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyProfileTest {

    private static final LatencyMeter FAST = new LatencyMeter(new LatencyMeter.Settings(0, 1, 0));
    private static final int D = 16;
    private static final int N = 20;
    private static final float[] X = SparseNetworkTest.inputs(N, D, 8);

    private static Network mlp(double sparsity) {
        Network net = ModelZoo.build(new ModelConfig("mlp", List.of(32), "relu"), new int[] {D}, 4, 0);
        return MagnitudePruner.pruneLayerwise(net, sparsity);
    }

    private static IntegerNetwork int8(Network net) {
        Dataset data = new Dataset("x", X, new int[N], new int[] {D}, List.of("a", "b", "c", "d"));
        return Int8Calibration.calibrate(net, data, 2, 10, QuantScheme.UNSIGNED_AFFINE).toInteger();
    }

    private static List<String> kernels(List<LatencySample> samples) {
        return samples.stream().map(s -> s.kernel() + "@" + s.batch()).toList();
    }

    @Test
    void picksKernelsByThresholdAndInt8Presence() {
        String dense = "fp32-dense/" + Blas.implementationName();
        Network sparse = mlp(0.8);

        assertEquals(List.of(dense + "@1", dense + "@3"),
                kernels(LatencyProfile.measure(sparse, null, 0.9, List.of(1, 3), X, N, FAST)));
        assertEquals(List.of(dense + "@2", "fp32-csr@2"),
                kernels(LatencyProfile.measure(sparse, null, 0.8, List.of(2), X, N, FAST)));
        assertEquals(List.of(dense + "@1", "int8-integer@1", "fp32-csr@1", dense + "@4", "int8-integer@4",
                        "fp32-csr@4"),
                kernels(LatencyProfile.measure(sparse, int8(sparse), 0, List.of(1, 4), X, N, FAST)));
        Network unpruned = mlp(0);
        assertEquals(List.of(dense + "@1", "int8-integer@1"),
                kernels(LatencyProfile.measure(unpruned, int8(unpruned), LatencyProfile.DEFAULT_SPARSITY_THRESHOLD,
                        List.of(1), X, N, FAST)));
    }

    @Test
    void weightSparsityCountsZeroWeightsOnly() {
        Network net = mlp(0);
        assertEquals(0, LatencyProfile.weightSparsity(net));
        // biases do not count: zeroing them all leaves the weight sparsity at 0
        net.parameters().stream().filter(p -> !p.prunable()).forEach(p -> java.util.Arrays.fill(p.data(), 0f));
        assertEquals(0, LatencyProfile.weightSparsity(net));
        // 16*32 + 32*4 = 640 weights, half of each layer pruned
        assertEquals(0.5, LatencyProfile.weightSparsity(mlp(0.5)), 1e-12);
        Network lenet5 = MagnitudePruner.pruneLayerwise(SparseNetworkTest.network("lenet-5"), 0.9);
        long nonzero = new SparseNetwork(lenet5).storedWeights();
        long weights = lenet5.parameters().stream().filter(Parameter::prunable).mapToLong(Parameter::size).sum();
        assertEquals(1 - (double) nonzero / weights, LatencyProfile.weightSparsity(lenet5), 1e-12);
        assertEquals(0.9, LatencyProfile.weightSparsity(lenet5), 1e-3);
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        Network net = mlp(0);
        assertMessage("batches: at least one batch size",
                () -> LatencyProfile.measure(net, null, 0.5, Collections.emptyList(), X, N, FAST));
        assertMessage("batch size 0 must be at least 1, in [1, 0]",
                () -> LatencyProfile.measure(net, null, 0.5, List.of(1, 0), X, N, FAST));
        assertMessage("sparsityThreshold=1.5 must be in [0, 1]",
                () -> LatencyProfile.measure(net, null, 1.5, List.of(1), X, N, FAST));
        assertMessage("sparsityThreshold=NaN",
                () -> LatencyProfile.measure(net, null, Double.NaN, List.of(1), X, N, FAST));
        Network wider = ModelZoo.build(new ModelConfig("mlp", List.of(8), "relu"), new int[] {D + 1}, 4, 0);
        assertMessage("the int8 network takes 17 features but the fp32 network takes 16",
                () -> LatencyProfile.measure(net, int8Of(wider), 0.5, List.of(1), X, N, FAST));
    }

    private static IntegerNetwork int8Of(Network net) {
        float[] x = SparseNetworkTest.inputs(N, net.inputSize(), 9);
        Dataset data = new Dataset("x", x, new int[N], new int[] {net.inputSize()}, List.of("a", "b", "c", "d"));
        return Int8Calibration.calibrate(net, data, 2, 10, QuantScheme.UNSIGNED_AFFINE).toInteger();
    }
}
