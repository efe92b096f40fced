package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.ablate.compress.prune.PruneFixtures.mlp;
import static dev.ablate.compress.prune.PruneFixtures.weights;
import static dev.ablate.compress.prune.PruneFixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunerTest {

    private static final Pruner MAGNITUDE_LAYER = new Pruner(new MagnitudeCriterion(1), new Unstructured(), Scope.LAYER);
    private static final Pruner MAGNITUDE_GLOBAL = new Pruner(new MagnitudeCriterion(1), new Unstructured(), Scope.GLOBAL);

    @ParameterizedTest
    @ValueSource(strings = {"2:4", "1:4", "3:8", "2:5"})
    void nOfMKeepsAtMostNInEveryGroup(String pattern) {
        NofM nm = NofM.parse(pattern);
        Network net = mlp(1); // rows of 8, 24 and 12: exercises short tail groups
        new Pruner(new MagnitudeCriterion(1), nm, Scope.LAYER).prune(net, new SparsityTarget(0, Map.of()));
        for (Parameter p : weights(net)) {
            int rowLength = p.size() / p.shape()[0];
            for (int row = 0; row < p.size(); row += rowLength) {
                for (int g = row; g < row + rowLength; g += nm.m()) {
                    int len = Math.min(nm.m(), row + rowLength - g);
                    int kept = len - zeros(java.util.Arrays.copyOfRange(p.mask(), g, g + len));
                    assertEquals(Math.min(nm.n(), len), kept, p.name() + " group at " + g);
                }
            }
        }
    }

    @Test
    void nOfMKeepsTheLargestOfEachGroup() {
        Linear l = new Linear("fc", 6, 1);
        System.arraycopy(new float[] {0.1f, -0.9f, 0.3f, 0.2f, 0.5f, -0.05f}, 0, l.weight().data(), 0, 6);
        Network net = new Network(List.of(l));
        new Pruner(new MagnitudeCriterion(1), new NofM(2, 4), Scope.LAYER).prune(net, new SparsityTarget(0, Map.of()));
        assertArrayEquals(new float[] {0, 1, 1, 0, 1, 1}, l.weight().mask());
        assertThrows(IllegalArgumentException.class, () -> Structure.parse("4:2"));
        assertThrows(IllegalArgumentException.class, () -> Structure.parse("blocks"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.5, 0.9})
    void layerScopePrunesEveryTensorExactly(double sparsity) {
        Network net = mlp(2);
        MAGNITUDE_LAYER.prune(net, new SparsityTarget(sparsity, Map.of()));
        for (Parameter p : net.parameters()) {
            if (p.prunable()) {
                assertEquals(MagnitudePruner.pruneCount(sparsity, p.size()), zeros(p.mask()), p.name());
            } else {
                assertNull(p.mask(), p.name());
            }
        }
    }

    @Test
    void globalScopeMatchesGlobalUnstructuredAndOverridesLeaveThePool() {
        Network net = mlp(3);
        Network reference = MagnitudePruner.pruneGlobal(net, 0.7);
        Network pruned = net.copy();
        assertEquals(0.7, MAGNITUDE_GLOBAL.prune(pruned, new SparsityTarget(0.7, Map.of())), 1e-3);
        for (Parameter p : weights(pruned)) {
            assertArrayEquals(reference.parameter(p.name()).mask(), p.mask(), p.name());
        }
        Network overridden = net.copy();
        MAGNITUDE_GLOBAL.prune(overridden, new SparsityTarget(0.7, Map.of("fc3", 0.25)));
        Parameter fc3 = overridden.parameter("fc3.weight");
        assertEquals(MagnitudePruner.pruneCount(0.25, fc3.size()), zeros(fc3.mask()));
        int pool = overridden.parameter("fc1.weight").size() + overridden.parameter("fc2.weight").size();
        assertEquals(MagnitudePruner.pruneCount(0.7, pool),
                zeros(overridden.parameter("fc1.weight").mask()) + zeros(overridden.parameter("fc2.weight").mask()));
    }

    @Test
    void masksOnlyGrow() {
        Network net = mlp(4);
        MAGNITUDE_LAYER.prune(net, new SparsityTarget(0.5, Map.of()));
        List<float[]> before = weights(net).stream().map(p -> p.mask().clone()).toList();
        new Pruner(new RandomCriterion(5), new Unstructured(), Scope.LAYER).prune(net, new SparsityTarget(0.6, Map.of()));
        for (int t = 0; t < before.size(); t++) {
            Parameter p = weights(net).get(t);
            for (int i = 0; i < p.size(); i++) {
                assertTrue(before.get(t)[i] == 1f || p.mask()[i] == 0f, p.name() + "[" + i + "] came back");
            }
            assertEquals(MagnitudePruner.pruneCount(0.6, p.size()), zeros(p.mask()), p.name());
        }
    }

    @Test
    void randomScoresAreReproduciblePerSeedAndDifferAcrossSeeds() {
        Network net = mlp(6);
        List<float[]> a = new RandomCriterion(11).scores(net);
        List<float[]> b = new RandomCriterion(11).scores(net);
        List<float[]> c = new RandomCriterion(12).scores(net);
        for (int t = 0; t < a.size(); t++) {
            assertArrayEquals(a.get(t), b.get(t));
            assertFalse(java.util.Arrays.equals(a.get(t), c.get(t)));
        }
    }

    @Test
    void taylorScoreIsWeightTimesGradientOnAHandCheckableCase() {
        Linear l = new Linear("fc1", 2, 2);
        System.arraycopy(new float[] {0.5f, -1f, 2f, 0.25f}, 0, l.weight().data(), 0, 4);
        Network net = new Network(List.of(l));
        float[] x = {1f, 2f};
        Dataset one = new Dataset("one", x, new int[] {0}, new int[] {2}, List.of("a", "b"));
        List<float[]> scores = new TaylorCriterion(one, 3, 8, 1).scores(net);
        // logits z = W x = (-1.5, 2.5); p = softmax(z); dL/dW[o, i] = (p_o - [o == 0]) x_i
        double p0 = 1 / (1 + Math.exp(4.0));
        double[] g = {(p0 - 1) * 1, (p0 - 1) * 2, (1 - p0) * 1, (1 - p0) * 2};
        float[] w = {0.5f, -1f, 2f, 0.25f};
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.abs(w[i] * g[i]), scores.get(0)[i], 1e-6, "weight " + i);
        }
        assertArrayEquals(new float[4], l.weight().grad(), "the scored network's gradients are untouched");
    }
}
