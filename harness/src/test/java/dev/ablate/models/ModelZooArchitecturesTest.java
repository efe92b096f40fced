package dev.ablate.models;

import dev.ablate.nn.BatchNorm1d;
import dev.ablate.nn.Dropout;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.LayerCost;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.SoftmaxCrossEntropy;
import dev.ablate.nn.Sgd;
import dev.ablate.nn.Tanh;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed architectures: parameter names, shapes, counts and MACs; image-shape checks; cnn-bn trains. */
class ModelZooArchitecturesTest {

    private static final int[] MNIST = {1, 28, 28};

    private static Network build(String arch, int[] shape) {
        return ModelZoo.build(new ModelConfig(arch, List.of(), "relu"), shape, 10, 1);
    }

    private static Map<String, List<Integer>> shapes(Network net) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            m.put(p.name(), Arrays.stream(p.shape()).boxed().toList());
        }
        return m;
    }

    @Test
    void lenet5IsCaffes() {
        Network net = build("lenet-5", MNIST);
        assertEquals(Map.of(
                "conv1.weight", List.of(20, 1, 5, 5), "conv1.bias", List.of(20),
                "conv2.weight", List.of(50, 20, 5, 5), "conv2.bias", List.of(50),
                "fc1.weight", List.of(500, 800), "fc1.bias", List.of(500),
                "fc2.weight", List.of(10, 500), "fc2.bias", List.of(10)), shapes(net));
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias"), net.parameters().stream().map(Parameter::name).toList());
        // 520 + 25,050 + 400,500 + 5,010 (Han et al. 2015 report 431K for this network)
        assertEquals(431_080, net.parameterCount());
        assertArrayEquals(MNIST, net.inputShape());
        Map<String, Long> params = new LinkedHashMap<>();
        Map<String, Long> macs = new LinkedHashMap<>();
        for (LayerCost c : net.layerCosts()) {
            params.merge(c.layer(), c.parameters(), Long::sum);
            macs.merge(c.layer(), c.macs(), Long::sum);
        }
        assertEquals(520, params.get("conv1"));
        assertEquals(25_050, params.get("conv2"));
        assertEquals(400_500, params.get("fc1"));
        assertEquals(5_010, params.get("fc2"));
        assertEquals(288_000, macs.get("conv1"));
        assertEquals(1_600_000, macs.get("conv2"));
        assertEquals(400_000, macs.get("fc1"));
        assertEquals(5_000, macs.get("fc2"));
        assertEquals(2_293_000, net.macs());
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "flatten", "fc1", "relu", "fc2"),
                net.layerCosts().stream().map(LayerCost::layer).toList());
    }

    @Test
    void lenet300100() {
        Network net = build("lenet-300-100", MNIST);
        assertEquals(266_610, net.parameterCount());
        assertEquals(Map.of("fc1.weight", List.of(300, 784), "fc1.bias", List.of(300), "fc2.weight", List.of(100, 300),
                "fc2.bias", List.of(100), "fc3.weight", List.of(10, 100), "fc3.bias", List.of(10)), shapes(net));
        assertInstanceOf(Flatten.class, net.layers().get(0));
        assertEquals(784L * 300 + 300 * 100 + 100 * 10, net.macs());
        assertEquals(266_610, build("lenet-300-100", new int[] {784}).parameterCount());
    }

    @Test
    void cnnBnLayersAndShapes() {
        Network net = build("cnn-bn", new int[] {3, 32, 32});
        assertEquals(List.of("conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "conv2.weight", "conv2.bias",
                "bn2.weight", "bn2.bias", "conv3.weight", "conv3.bias", "bn3.weight", "bn3.bias", "fc1.weight",
                "fc1.bias"), net.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {10, 128 * 4 * 4}, net.parameter("fc1.weight").shape());
        assertArrayEquals(new int[] {64, 32, 3, 3}, net.parameter("conv2.weight").shape());
    }

    @Test
    void mlpOptionsPlaceBatchNormBeforeAndDropoutAfterTheActivation() {
        Network net = ModelZoo.build(new ModelConfig("mlp", List.of(8, 4), "tanh", 0.5, true), new int[] {6}, 3, 1);
        assertEquals("[Linear(fc1, in=6, out=8), BatchNorm1d(bn1, 8), Tanh(8), Dropout(dropout1, 8, p=0.5), "
                + "Linear(fc2, in=8, out=4), BatchNorm1d(bn2, 4), Tanh(4), Dropout(dropout2, 4, p=0.5), "
                + "Linear(fc3, in=4, out=3)]", net.layers().toString());
        assertInstanceOf(BatchNorm1d.class, net.layers().get(1));
        assertInstanceOf(Tanh.class, net.layers().get(2));
        assertInstanceOf(Dropout.class, net.layers().get(3));
    }

    @Test
    void imageArchitecturesRejectFlatShapesAndEveryArchitectureIsListed() {
        for (String arch : List.of("lenet-5", "cnn-bn")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(arch, new int[] {784}));
            assertTrue(e.getMessage().contains(arch) && e.getMessage().contains("[C, H, W]")
                    && e.getMessage().contains("[784]"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> build("lenet-5", new int[] {1, 8, 8}));
        assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build(new ModelConfig("lenet-5", List.of(), "relu", 0.5, false), MNIST, 10, 1));
        assertEquals(List.of("logreg", "mlp", "lenet-300-100", "lenet-5", "cnn-bn"), ModelZoo.ARCHITECTURES);
        for (String arch : ModelZoo.ARCHITECTURES) {
            assertEquals(10, build(arch, MNIST).classCount(), arch);
        }
    }

    @Test
    void cnnBnTrainsAFewStepsWithoutNaN() {
        Network net = build("cnn-bn", new int[] {3, 16, 16});
        SplittableRandom rng = new SplittableRandom(3);
        int n = 8;
        float[] x = new float[n * net.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
        }
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(10);
        Sgd sgd = new Sgd(net.parameters(), 0.05, 0.9, 1e-4);
        net.setTraining(true, 7);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 8; step++) {
            last = ce.forward(net.forward(x, n), y, n);
            assertTrue(Double.isFinite(last), "step " + step + " loss " + last);
            if (step == 0) {
                first = last;
            }
            net.backward(ce.backward(), n);
            sgd.step();
        }
        assertTrue(last < first, "memorising 8 images: loss " + first + " -> " + last);
        for (float v : net.logits(x, n)) {
            assertTrue(Float.isFinite(v));
        }
    }
}
