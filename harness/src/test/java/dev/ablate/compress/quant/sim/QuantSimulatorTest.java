package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.ActivationSites;
import dev.ablate.compress.quant.IntFormats;
import dev.ablate.compress.quant.LayerQuantStats;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.QuantizedNetwork;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetSource;
import dev.ablate.data.FashionMnistMini;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.BatchNormFolding;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import dev.ablate.nn.NetworkCodec;
import dev.ablate.nn.Trainer;
import dev.ablate.spec.DatasetSpec;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static PTQ simulation, QAT and storage of simulated networks, on a small MLP trained on fashion-mnist-mini. */
class QuantSimulatorTest {

    private static Dataset train;
    private static Dataset test;
    private static Network floatNet;
    private static Network folded;
    private static double floatAccuracy;

    @BeforeAll
    static void trainFloatNetwork() {
        DatasetSource.TrainTest data = new FashionMnistMini().load(DatasetSpec.named(FashionMnistMini.NAME, 0));
        train = data.train();
        test = data.test();
        floatNet = ModelZoo.build(new ModelConfig("mlp", List.of(64, 32), "relu", 0, true), train.exampleShape(),
                train.classCount(), 1);
        new Trainer().train(floatNet, train, empty(), new TrainConfig(3, 64, "sgd", 0.05, 0.9, 0), 2, null);
        floatAccuracy = accuracy(floatNet, test);
        folded = BatchNormFolding.fold(floatNet);
        assertTrue(floatAccuracy > 0.75, "float baseline trains: " + floatAccuracy);
    }

    private static Dataset empty() {
        return new Dataset("none", new float[0], new int[0], train.exampleShape(), train.classNames());
    }

    private static double accuracy(Network net, Dataset data) {
        return QualityMetrics.accuracy(net, data);
    }

    private static QuantizedNetwork weights(TensorFormat format) {
        return WeightQuantizer.quantize(folded, layer -> format, 0);
    }

    private static CalibrationData calibration(long seed) {
        return new CalibrationData(train, 4, 128, seed);
    }

    @Test
    void sixteenBitSimulationMatchesTheFoldedFloatNetwork() {
        StaticQuantization q = QuantSimulator.simulateStatic(weights(IntFormats.perChannel(16)),
                ActivationSpec.minMax(QuantScheme.UNSIGNED_AFFINE, 16), new CalibrationData(train, 40, 256, 1));
        int n = 500;
        float[] expected = folded.logits(test.features(), n);
        float[] actual = q.simulated().logits(test.features(), n);
        float[] original = floatNet.logits(test.features(), n);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(original[i], expected[i], 1e-3, "folding keeps the logits");
            // half a 16-bit step per site; an unseen test input may still clip slightly past the calibrated range
            assertEquals(expected[i], actual[i], 0.005 + 0.005 * Math.abs(expected[i]), "logit " + i);
        }
    }

    @Test
    void eightBitStaticQuantizationIsWithinOnePointOfFloat() {
        StaticQuantization q = QuantSimulator.simulateStatic(weights(IntFormats.perChannel(8)),
                ActivationSpec.uint8(), calibration(1));
        double acc = accuracy(q.simulated(), test);
        assertTrue(Math.abs(acc - floatAccuracy) <= 0.01, "int8 " + acc + " vs float " + floatAccuracy);
    }

    @Test
    void resultHoldsWhatIntegerInferenceNeeds() {
        StaticQuantization q = QuantSimulator.simulateStatic(weights(IntFormats.perChannel(8)),
                ActivationSpec.uint8(), calibration(1));
        int[] sites = ActivationSites.after(folded.layers());
        assertEquals(sites.length, q.activationParams().size());
        List<ActivationQuantizer> quantizers = q.simulated().layers().stream()
                .filter(l -> l instanceof ActivationQuantizer).map(l -> (ActivationQuantizer) l).toList();
        assertEquals(sites.length, quantizers.size());
        for (int k = 0; k < sites.length; k++) {
            assertEquals("act" + k, quantizers.get(k).name());
            assertEquals(ActivationQuantizer.Mode.FIXED, quantizers.get(k).mode());
            assertEquals(q.activationParams().get(k), quantizers.get(k).qParams());
        }
        assertEquals(List.of("fc1", "fc2", "fc3"), List.copyOf(q.weightParams().keySet()));
        assertEquals(List.of("fc1", "fc2", "fc3"), q.layers().stream().map(LayerQuantStats::layer).toList());
        assertTrue(folded.layers().stream().noneMatch(l -> l.getClass().getSimpleName().startsWith("BatchNorm")),
                "BatchNorm folded before quantization");
        QParams fc1 = q.weightParams().get("fc1");
        assertEquals(64, fc1.channelCount());
    }

    @Test
    void calibrationIsDeterministicForASeed() {
        ActivationSpec acts = ActivationSpec.uint8();
        StaticQuantization a = QuantSimulator.simulateStatic(weights(IntFormats.perChannel(8)), acts, calibration(5));
        StaticQuantization b = QuantSimulator.simulateStatic(weights(IntFormats.perChannel(8)), acts, calibration(5));
        StaticQuantization c = QuantSimulator.simulateStatic(weights(IntFormats.perChannel(8)), acts, calibration(6));
        assertEquals(a.activationParams(), b.activationParams());
        assertArrayEquals(NetworkCodec.encode(a.plain()), NetworkCodec.encode(b.plain()));
        assertNotEquals(a.activationParams(), c.activationParams(), "another seed draws other training batches");
    }

    @Test
    void observersMustQuantizeOntoTheSpecsRange() {
        ActivationSpec wrong = new ActivationSpec(8, QuantScheme.UNSIGNED_AFFINE,
                site -> dev.ablate.compress.quant.MinMaxObserver.perTensor(QuantScheme.SIGNED_SYMMETRIC, 8), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                QuantSimulator.simulateStatic(weights(IntFormats.perChannel(8)), wrong, calibration(1)));
        assertTrue(e.getMessage().contains("site 0"), e.getMessage());
    }

    @Test
    void eightBitWeightOnlyQuantizationIsWithinOnePointOfFloat() {
        Network q = weights(IntFormats.perChannel(8)).network();
        assertTrue(q.layers().stream().noneMatch(l -> l instanceof ActivationQuantizer));
        assertTrue(Math.abs(accuracy(q, test) - floatAccuracy) <= 0.01);
    }

    @Test
    void theStoredPlainNetworkAndGridsRebuildTheSimulationBitForBit() {
        StaticQuantization q = QuantSimulator.simulateStatic(weights(IntFormats.perChannel(4)),
                ActivationSpec.minMax(QuantScheme.UNSIGNED_AFFINE, 6), calibration(1));
        Network stored = NetworkCodec.decode(NetworkCodec.encode(q.plain()));
        Network rebuilt = QuantSimulator.withFixedActivations(stored, q.activationParams(),
                QuantScheme.UNSIGNED_AFFINE.range(6));
        float[] a = q.simulated().logits(test.features(), 200);
        float[] b = rebuilt.logits(test.features(), 200);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "logit " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> QuantSimulator.withFixedActivations(stored,
                q.activationParams().subList(1, q.activationParams().size()), QuantScheme.UNSIGNED_AFFINE.range(6)));
    }

    @Test
    void formatVersionTwoStillDecodes() throws IOException {
        byte[] v2;
        try (InputStream in = getClass().getResourceAsStream("/nn/mlp-bn-dropout-seed3-v2.bin")) {
            assertNotNull(in, "v2 fixture on the test class path");
            v2 = in.readAllBytes();
        }
        assertEquals(2, ((v2[4] & 0xff) << 8) | (v2[5] & 0xff), "fixture is format version 2");
        // written by the v2 encoder from this network, with running statistics set as below
        Network expected = ModelZoo.build(new ModelConfig("mlp", List.of(6, 5), "relu", 0.25, true),
                new int[] {2, 3, 2}, 4, 3);
        for (Layer l : expected.layers()) {
            if (l instanceof dev.ablate.nn.BatchNorm bn) {
                for (int c = 0; c < bn.channels(); c++) {
                    bn.runningMean()[c] = 0.1f * c - 0.2f;
                    bn.runningVar()[c] = 1f + 0.3f * c;
                }
            }
        }
        assertArrayEquals(NetworkCodec.encode(expected), NetworkCodec.encode(NetworkCodec.decode(v2)));
    }

    @Test
    void quantizationAwareTrainingRecoversWhatTwoBitPtqLoses() {
        TensorFormat twoBit = IntFormats.of(QuantScheme.SIGNED_SYMMETRIC, 2, false);
        double ptq = accuracy(QuantSimulator.simulateStatic(weights(twoBit), ActivationSpec.uint8(), calibration(1))
                .simulated(), test);
        QatNetwork qat = QuantSimulator.prepareQat(folded, new WeightQat.Format(l -> twoBit), ActivationSpec.uint8(),
                calibration(1));
        new Trainer().train(qat.network(), train, empty(), new TrainConfig(1, 64, "sgd", 0.01, 0.9, 0), 3, null);
        StaticQuantization converted = qat.convert();
        double qatAcc = accuracy(converted.simulated(), test);
        assertEquals(qatAcc, accuracy(qat.network(), test), 1e-9, "the converted network computes what QAT trained");
        assertTrue(qatAcc > ptq + 0.30, "QAT " + qatAcc + " vs PTQ " + ptq);
    }

    @Test
    void learnedStepQatRecoversWhatTernaryPtqLoses() {
        // ternary weights: min/max steps lose most of the accuracy, learned steps find a better clip
        QuantScheme ternary = QuantScheme.SIGNED_SYMMETRIC_NARROW;
        double ptq = accuracy(QuantSimulator.simulateStatic(weights(IntFormats.of(ternary, 2, true)),
                ActivationSpec.uint8(), calibration(1)).simulated(), test);
        QatNetwork qat = QuantSimulator.prepareQat(folded, new WeightQat.LearnedSteps(ternary, 2),
                ActivationSpec.uint8().withLearnedSteps(), calibration(1));
        assertTrue(qat.network().parameters().stream().anyMatch(p -> p.name().equals("act1.scale")));
        assertTrue(qat.network().parameters().stream().anyMatch(p -> p.name().equals("fc1.weight_scale")));
        new Trainer().train(qat.network(), train, empty(), new TrainConfig(1, 64, "sgd", 0.01, 0.9, 0), 3, null);
        StaticQuantization converted = qat.convert();
        double qatAcc = accuracy(converted.simulated(), test);
        assertEquals(qatAcc, accuracy(qat.network(), test), 1e-9, "the converted network computes what QAT trained");
        assertTrue(qatAcc > ptq + 0.20, "LSQ " + qatAcc + " vs PTQ " + ptq);
    }
}
