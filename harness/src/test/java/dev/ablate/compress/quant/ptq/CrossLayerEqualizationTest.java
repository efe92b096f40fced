package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.IntFormats;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.BatchNorm;
import dev.ablate.nn.BatchNormFolding;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.ablate.compress.quant.ptq.PtqTestNetworks.gaussian;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.maxAbs;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.maxAbsDiff;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.mse;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.zoo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossLayerEqualizationTest {

    private static Network mlp() {
        return zoo("mlp", List.of(16, 12), new int[] {8}, 4, 3);
    }

    private static Network lenet5() {
        return zoo("lenet-5", List.of(), new int[] {1, 28, 28}, 10, 5);
    }

    /** cnn-bn with non-trivial BatchNorm affine parameters and running statistics, then folded. */
    private static Network foldedCnnBn() {
        Network net = zoo("cnn-bn", List.of(), new int[] {1, 16, 16}, 10, 7);
        SplittableRandom rng = new SplittableRandom(11);
        for (Layer l : net.layers()) {
            if (l instanceof BatchNorm bn) {
                for (int i = 0; i < bn.weight().size(); i++) {
                    bn.weight().data()[i] = (float) (0.2 + 2 * rng.nextDouble());
                    bn.bias().data()[i] = (float) (rng.nextDouble() - 0.5);
                }
            }
        }
        net.setTraining(true, 0);
        net.forward(gaussian(32 * net.inputSize(), 13), 32);
        return BatchNormFolding.fold(net);
    }

    private static void assertSameFunction(Network a, Network b) {
        int n = 16;
        float[] x = gaussian(n * a.inputSize(), 17);
        float[] ya = a.logits(x, n);
        float[] yb = b.logits(x, n);
        assertTrue(maxAbsDiff(ya, yb) <= 1e-4 * Math.max(1, maxAbs(ya)),
                "logits changed by " + maxAbsDiff(ya, yb) + " (max logit " + maxAbs(ya) + ")");
    }

    private static void assertEqualized(Network net) {
        for (EqualizationPair pair : CrossLayerEqualization.pairs(net)) {
            ChannelRanges r = CrossLayerEqualization.ranges(net, pair);
            for (int i = 0; i < pair.channels(); i++) {
                assertEquals(r.first()[i], r.second()[i], 1e-3 * r.first()[i], pair + " channel " + i);
            }
        }
    }

    @Test
    void findsThePairsOfEachArchitecture() {
        assertEquals(List.of(new EqualizationPair("fc1", "fc2", 16, 1), new EqualizationPair("fc2", "fc3", 12, 1)),
                CrossLayerEqualization.pairs(mlp()));
        // lenet-5: conv1 -> pool1 -> conv2 (5x5 kernels), conv2 -> pool2 -> flatten -> fc1 (4x4 maps), fc1 -> fc2
        assertEquals(List.of(new EqualizationPair("conv1", "conv2", 20, 25),
                        new EqualizationPair("conv2", "fc1", 50, 16),
                        new EqualizationPair("fc1", "fc2", 500, 1)),
                CrossLayerEqualization.pairs(lenet5()));
        assertEquals(List.of(), CrossLayerEqualization.pairs(zoo("logreg", List.of(), new int[] {4}, 3, 1)));
    }

    @Test
    void tanhEndsAChain() {
        Network net = ModelZoo.build(new ModelConfig("mlp", List.of(6, 5), "tanh"), new int[] {4}, 3, 1);
        assertEquals(List.of(), CrossLayerEqualization.pairs(net));
    }

    @Test
    void preservesTheFunctionAndEqualizesTheRanges() {
        for (Network net : List.of(mlp(), lenet5(), foldedCnnBn())) {
            Network eq = CrossLayerEqualization.equalize(net);
            assertSameFunction(net, eq);
            assertEqualized(eq);
        }
    }

    @Test
    void leavesTheInputUnchanged() {
        Network net = mlp();
        float[] before = net.parameter("fc1.weight").data().clone();
        CrossLayerEqualization.equalize(net);
        assertArrayEquals(before, net.parameter("fc1.weight").data());
    }

    @Test
    void skipsDeadChannels() {
        Network net = mlp();
        float[] w1 = net.parameter("fc1.weight").data();
        Arrays.fill(w1, 0, 8, 0f);    // fc1 output channel 0 is dead
        float bias0 = net.parameter("fc1.bias").data()[0];
        Network eq = CrossLayerEqualization.equalize(net);
        assertEquals(bias0, eq.parameter("fc1.bias").data()[0]);
        assertSameFunction(net, eq);
    }

    @Test
    void refusesUnfoldedBatchNorm() {
        Network net = zoo("cnn-bn", List.of(), new int[] {1, 16, 16}, 10, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossLayerEqualization.equalize(net));
        assertTrue(e.getMessage().contains("bn1") && e.getMessage().contains("BatchNormFolding"), e.getMessage());
    }

    @Test
    void lowersPerTensorQuantizationErrorOfImbalancedChannels() {
        Network net = mlp();
        // spread fc1's output channels over 2^-4 .. 2^3 and undo it in fc2: same function, badly balanced ranges
        float[] w1 = net.parameter("fc1.weight").data();
        float[] b1 = net.parameter("fc1.bias").data();
        float[] w2 = net.parameter("fc2.weight").data();
        for (int i = 0; i < 16; i++) {
            float f = (float) Math.scalb(1.0, i % 8 - 4);
            for (int j = 0; j < 8; j++) {
                w1[i * 8 + j] *= f;
            }
            b1[i] *= f;
            for (int o = 0; o < 12; o++) {
                w2[o * 16 + i] /= f;
            }
        }
        int n = 256;
        float[] x = gaussian(n * 8, 19);
        float[] exact = net.logits(x, n);
        for (int bits : new int[] {4, 6}) {
            Network eq = CrossLayerEqualization.equalize(net);
            double before = mse(exact, quantize(net, bits).logits(x, n));
            double after = mse(exact, quantize(eq, bits).logits(x, n));
            assertTrue(after < 0.5 * before, bits + " bits: output MSE " + before + " before CLE, " + after + " after");
        }
    }

    private static Network quantize(Network net, int bits) {
        return MixedPrecision.apply(net, BitWidthAssignment.uniform(net, bits), IntFormats::perTensor, 0).network();
    }
}
