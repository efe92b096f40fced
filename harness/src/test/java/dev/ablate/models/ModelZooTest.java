package dev.ablate.models;

import dev.ablate.nn.Network;
import dev.ablate.nn.NetworkCodec;
import dev.ablate.nn.Parameter;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelZooTest {

    private static final ModelConfig MLP = new ModelConfig("mlp", List.of(300, 100), "relu");

    @Test
    void mlpHasPyTorchNamesShapesAndInitBounds() {
        Network net = ModelZoo.build(MLP, new int[] {784}, 10, 0);
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
                net.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {300, 784}, net.parameter("fc1.weight").shape());
        assertArrayEquals(new int[] {10, 100}, net.parameter("fc3.weight").shape());
        assertEquals(784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10, net.parameterCount());
        assertEquals(5, net.layers().size());
        for (Parameter p : net.parameters()) {
            int fanIn = p.name().startsWith("fc1") ? 784 : p.name().startsWith("fc2") ? 300 : 100;
            float bound = (float) (1 / Math.sqrt(fanIn));
            float max = 0;
            for (float v : p.data()) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= bound, p.name() + " max |w| " + max + " > " + bound);
            if (p.size() > 1000) {
                assertTrue(max > 0.98f * bound, p.name() + " should fill U(-b, b): " + max);
            }
        }
    }

    @Test
    void widthScalesEveryHiddenLayerButNotTheClasses() {
        Network half = ModelZoo.build(new ModelConfig("lenet-5", List.of(), "relu", 0, false, 0.5, 0, 0),
                new int[] {1, 28, 28}, 10, 0);
        assertArrayEquals(new int[] {10, 1, 5, 5}, half.parameter("conv1.weight").shape());
        assertArrayEquals(new int[] {25, 10, 5, 5}, half.parameter("conv2.weight").shape());
        assertArrayEquals(new int[] {250, 25 * 4 * 4}, half.parameter("fc1.weight").shape());
        assertArrayEquals(new int[] {10, 250}, half.parameter("fc2.weight").shape());
        Network mlp = ModelZoo.build(new ModelConfig("mlp", List.of(3, 8), "relu", 0, false, 0.25, 0, 0),
                new int[] {5}, 3, 0);
        assertArrayEquals(new int[] {1, 5}, mlp.parameter("fc1.weight").shape()); // 0.75 rounds up to 1
        assertArrayEquals(new int[] {2, 1}, mlp.parameter("fc2.weight").shape());
        assertArrayEquals(new int[] {3, 2}, mlp.parameter("fc3.weight").shape());
    }

    @Test
    void sameSeedSameNetworkOtherSeedDiffers() {
        assertArrayEquals(NetworkCodec.encode(ModelZoo.build(MLP, new int[] {20}, 3, 42)),
                NetworkCodec.encode(ModelZoo.build(MLP, new int[] {20}, 3, 42)));
        assertFalse(Arrays.equals(NetworkCodec.encode(ModelZoo.build(MLP, new int[] {20}, 3, 42)),
                NetworkCodec.encode(ModelZoo.build(MLP, new int[] {20}, 3, 43))));
    }

    @Test
    void logregIsOneLinearLayer() {
        Network net = ModelZoo.build(new ModelConfig("logreg", List.of(), "relu"), new int[] {5}, 3, 1);
        assertEquals(1, net.layers().size());
        assertArrayEquals(new int[] {3, 5}, net.parameter("fc1.weight").shape());
        assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build(new ModelConfig("logreg", List.of(4), "relu"), new int[] {5}, 3, 1));
    }

    @Test
    void unknownArchitectureNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build(new ModelConfig("resnet", List.of(), "relu"), new int[] {5}, 3, 1));
        assertTrue(e.getMessage().contains("resnet") && e.getMessage().contains("mlp")
                && e.getMessage().contains("logreg"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build(new ModelConfig("mlp", List.of(4), "sigmoid"), new int[] {5}, 3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build(new ModelConfig("mlp", List.of(0), "relu"), new int[] {5}, 3, 1));
    }
}
