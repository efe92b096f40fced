package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.IntFormats;
import dev.ablate.data.Dataset;
import dev.ablate.nn.BatchNormFolding;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ablate.compress.quant.ptq.PtqTestNetworks.accuracy;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.gaussian;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.zoo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BiasCorrectionTest {

    private static PtqTestNetworks.Trained trained;

    @BeforeAll
    static void train() {
        trained = PtqTestNetworks.Trained.mlp();
    }

    static Network quantize(Network net, int bits) {
        return MixedPrecision.apply(net, BitWidthAssignment.uniform(net, bits), IntFormats::perTensor, 0).network();
    }

    /** Largest |mean(float layer - quantized layer)| per channel over all weight layers, on the quantized inputs. */
    private static double worstMeanError(Network floatNet, Network quantized, float[] x, int n) {
        double worst = 0;
        float[] a = x;
        List<WeightLayer> weights = WeightLayer.of(quantized);
        for (int i = 0; i < quantized.layers().size(); i++) {
            Layer q = quantized.layers().get(i);
            final int index = i;
            if (weights.stream().anyMatch(w -> w.index() == index)) {
                for (double d : BiasCorrection.meanOutputDifference(floatNet.layers().get(i), q, a, n)) {
                    worst = Math.max(worst, Math.abs(d));
                }
            }
            a = q.forward(a, n).clone();
        }
        return worst;
    }

    @Test
    void zeroesTheMeanOutputErrorAndDoesNotHurtHeldOutAccuracy() {
        PtqTestNetworks.Trained t = trained;
        Network q = quantize(t.net(), 4);
        Network corrected = BiasCorrection.correct(t.net(), q, t.train());
        float[] x = t.train().features();
        int n = t.train().size();
        double before = worstMeanError(t.net(), q, x, n);
        double after = worstMeanError(t.net(), corrected, x, n);
        assertTrue(before > 1e-3, "4-bit weights should shift some layer's mean output, got " + before);
        assertTrue(after < 1e-5, "mean output error after correction " + after + " (before " + before + ")");
        double accQ = accuracy(q, t.heldOut());
        double accC = accuracy(corrected, t.heldOut());
        assertTrue(accC >= accQ - 0.005, "held-out accuracy " + accQ + " quantized, " + accC + " corrected");
    }

    @Test
    void exactWeightsNeedNoCorrection() {
        PtqTestNetworks.Trained t = trained;
        Network corrected = BiasCorrection.correct(t.net(), t.net().copy(), t.train());
        for (String bias : List.of("fc1.bias", "fc2.bias", "fc3.bias")) {
            assertArrayEquals(t.net().parameter(bias).data(), corrected.parameter(bias).data(), bias);
        }
    }

    @Test
    void correctsPaddedConvolutionsPerChannel() {
        Network net = BatchNormFolding.fold(zoo("cnn-bn", List.of(), new int[] {1, 8, 8}, 4, 3));
        int n = 64;
        float[] x = gaussian(n * net.inputSize(), 5);
        Dataset calibration = new Dataset("calibration", x, new int[n], new int[] {1, 8, 8},
                List.of("a", "b", "c", "d"));
        Network q = quantize(net, 3);
        Network corrected = BiasCorrection.correct(net, q, calibration);
        assertTrue(worstMeanError(net, corrected, x, n) < 1e-5);
        assertTrue(worstMeanError(net, q, x, n) > 1e-4);
    }

    @Test
    void rejectsMismatchedNetworksAndData() {
        PtqTestNetworks.Trained t = trained;
        Network other = zoo("mlp", List.of(32), new int[] {16}, 6, 4);
        assertThrows(IllegalArgumentException.class, () -> BiasCorrection.correct(t.net(), other, t.train()));
        Dataset empty = new Dataset("empty", new float[0], new int[0], new int[] {16}, t.train().classNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BiasCorrection.correct(t.net(), t.net(), empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void keepsInputsUnchanged() {
        PtqTestNetworks.Trained t = trained;
        Network q = quantize(t.net(), 4);
        float[] bias = q.parameter("fc1.bias").data().clone();
        BiasCorrection.correct(t.net(), q, t.train());
        assertArrayEquals(bias, q.parameter("fc1.bias").data());
        assertEquals(3, WeightLayer.of(q).size());
    }
}
