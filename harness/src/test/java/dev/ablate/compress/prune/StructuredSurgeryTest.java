package dev.ablate.compress.prune;

import dev.ablate.models.ModelZoo;
import dev.ablate.nn.BatchNorm;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructuredSurgeryTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("mlp-bn", ModelZoo.build(new ModelConfig("mlp", List.of(24, 12), "relu", 0.2, true),
                        new int[] {8}, 4, 1), "neuron", Scope.LAYER),
                Arguments.of("mlp-bn", ModelZoo.build(new ModelConfig("mlp", List.of(24, 12), "tanh", 0.2, true),
                        new int[] {8}, 4, 1), "neuron", Scope.GLOBAL),
                Arguments.of("lenet-5", ModelZoo.build(new ModelConfig("lenet-5", List.of(), "relu"),
                        new int[] {1, 16, 16}, 5, 2), "channel", Scope.LAYER),
                Arguments.of("lenet-5", ModelZoo.build(new ModelConfig("lenet-5", List.of(), "relu"),
                        new int[] {1, 16, 16}, 5, 2), "neuron", Scope.GLOBAL),
                Arguments.of("cnn-bn", ModelZoo.build(new ModelConfig("cnn-bn", List.of(), "relu"),
                        new int[] {2, 8, 8}, 3, 3), "channel", Scope.LAYER),
                Arguments.of("cnn-bn", ModelZoo.build(new ModelConfig("cnn-bn", List.of(), "relu"),
                        new int[] {2, 8, 8}, 3, 3), "channel", Scope.GLOBAL));
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("networks")
    void shrunkNetworkComputesTheMaskedNetworksLogits(String arch, Network net, String structure, Scope scope) {
        randomizeBatchNormStatistics(net);
        Network masked = net.copy();
        new Pruner(new MagnitudeCriterion(2), Structure.parse(structure), scope)
                .prune(masked, new SparsityTarget(0.5, Map.of()));
        Network shrunk = StructuredSurgery.shrink(masked);
        int n = 7;
        float[] x = PruneFixtures.gaussian(n * net.inputSize(), 4);
        float[] expected = masked.logits(x, n);
        float[] actual = shrunk.logits(x, n);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "logit " + i);
        }
        assertTrue(shrunk.parameterCount() < net.parameterCount(), shrunk.parameterCount() + " parameters");
        assertTrue(shrunk.macs() < net.macs(), shrunk.macs() + " MACs");
        assertEquals(nonzeroWeights(masked), nonzeroWeights(shrunk), "only masked weights removed");
        assertEquals(net.classCount(), shrunk.classCount());
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("networks")
    void layerScopeRemovesHalfTheUnitsOfEveryHiddenLayer(String arch, Network net, String structure, Scope scope) {
        if (scope != Scope.LAYER) {
            return;
        }
        Network masked = net.copy();
        new Pruner(new MagnitudeCriterion(2), Structure.parse(structure), scope)
                .prune(masked, new SparsityTarget(0.5, Map.of()));
        List<UnitLayer> before = UnitLayer.of(net);
        List<UnitLayer> after = UnitLayer.of(StructuredSurgery.shrink(masked));
        for (int i = 0; i < before.size(); i++) {
            int units = before.get(i).units();
            boolean pruned = structure.equals("neuron") == (before.get(i).layer() instanceof dev.ablate.nn.Linear);
            assertEquals(pruned ? units - MagnitudePruner.pruneCount(0.5, units) : units, after.get(i).units(),
                    before.get(i).name());
        }
    }

    @org.junit.jupiter.api.Test
    void channelPruningNeedsConvolutions() {
        Network mlp = PruneFixtures.mlp(1);
        Pruner pruner = new Pruner(new MagnitudeCriterion(2), Structure.parse("channel"), Scope.LAYER);
        assertThrows(IllegalArgumentException.class, () -> pruner.prune(mlp, new SparsityTarget(0.5, Map.of())));
    }

    private static long nonzeroWeights(Network net) {
        return PruneFixtures.weights(net).stream().mapToLong(dev.ablate.nn.Parameter::nonzeroCount).sum();
    }

    private static void randomizeBatchNormStatistics(Network net) {
        SplittableRandom rng = new SplittableRandom(8);
        for (Layer l : net.layers()) {
            if (l instanceof BatchNorm bn) {
                for (int c = 0; c < bn.channels(); c++) {
                    bn.runningMean()[c] = (float) rng.nextGaussian();
                    bn.runningVar()[c] = (float) (0.5 + rng.nextDouble());
                    bn.weight().data()[c] = (float) (0.5 + rng.nextDouble());
                    bn.bias().data()[c] = (float) rng.nextGaussian();
                }
            }
        }
    }
}
