package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.QuantizedNetwork;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.TestTensors;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.compress.quant.format.ScaledFloatFormat;
import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import dev.ablate.spec.Granularity;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaled float activation quantizers ({@link FloatActivationQuantizer}) with hand-computed values, and their
 * place in static quantization and QAT ({@link QuantSimulator}) on a tiny untrained MLP.
 */
class FloatActivationQuantizerTest {

    private static final FloatFormat E4M3 = FloatFormat.FP8_E4M3;
    private static final FloatActivationSpec E4M3_MINMAX = new FloatActivationSpec(E4M3, CalibrationSpec.of("minmax"));

    // ---------------------------------------------------------------- one quantizer

    @Test
    void observingIsIdentityAndItsAmaxIsTheLargestMagnitudeSeen() {
        FloatActivationQuantizer q = E4M3_MINMAX.observing("act0", new int[] {4}, 0);
        assertEquals(FloatActivationQuantizer.Mode.OBSERVING, q.mode());
        assertThrows(IllegalStateException.class, q::amax, "nothing observed yet");
        float[] batch1 = {0.5f, -2f, 1f, 0f, 0.25f, 1.5f, -1f, 2f};
        float[] snapshot = batch1.clone();
        assertSame(batch1, q.forward(batch1, 2), "identity");
        assertArrayEquals(snapshot, batch1);
        assertEquals(2f, q.amax());
        // batch of one example in a larger array: only the first 4 values are the batch, the 100s are not seen
        float[] batch2 = {-3.5f, 1f, 0f, 0f, 100f, 100f, 100f, 100f};
        assertSame(batch2, q.forward(batch2, 1));
        assertEquals(3.5f, q.amax(), "max |x| over both batches: |-3.5|");
        float[] g = {1f, 2f, 3f, 4f};
        assertSame(g, q.backward(g, 1, true), "the gradient passes unchanged");

        FloatActivationQuantizer frozen = q.frozen();
        assertEquals(FloatActivationQuantizer.Mode.FIXED, frozen.mode());
        assertEquals("act0", frozen.name());
        assertArrayEquals(new int[] {4}, frozen.inputShape());
        assertEquals(3.5f, frozen.amax());
        assertEquals(128f, frozen.scale(), "448 / 3.5");
        assertSame(E4M3, frozen.format());
        IllegalStateException e = assertThrows(IllegalStateException.class, q::copy);
        assertTrue(e.getMessage().contains("act0"), e.getMessage());
    }

    @Test
    void fixedForwardIsTheScaledCastAndBackwardIsTheStraightThroughEstimator() {
        // amax 3.5 -> scale 448 / 3.5 = 128; E4M3 quantum 32 in [256, 448], 1/8 in [1, 2), 2^-9 below 2^-6
        FloatActivationQuantizer q = FloatActivationQuantizer.fixed("act1", new int[] {4}, E4M3, 3.5f);
        float[] x = {
            3.5f,       // y = 448                                -> 3.5
            3.3f,       // y = 422.4 -> 416                       -> 3.25
            0.01f,      // y = 1.28 -> 1.25                       -> 0.009765625
            -2.375f,    // y = -304, tie -> -320                  -> -2.5
            4f,         // y = 512 > 448: clipped                 -> 3.5
            0x1p-16f,   // y = 2^-9, smallest subnormal           -> 2^-16
            0x1p-17f,   // y = 2^-10, tie                         -> 0
            -0f,
            -100f,      // clipped                                -> -3.5
            2.125f,     // y = 272, tie -> 256                    -> 2
            1f,
            -0.5f,
        };
        float[] out = q.forward(x, 3).clone();
        assertArrayEquals(new float[] {3.5f, 3.25f, 0.009765625f, -2.5f, 3.5f, 0x1p-16f, 0f, -0f, -3.5f, 2f, 1f,
            -0.5f}, out);
        float[] g = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f};
        float[] gradIn = q.backward(g, 3, true);
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 0f, 6f, 7f, 8f, 0f, 10f, 11f, 12f}, gradIn,
                "zero exactly where |y| > 448");
        assertNull(q.backward(g, 3, false));
        assertThrows(IllegalStateException.class, () -> q.backward(g, 2, true), "backward for another batch");

        FloatActivationQuantizer copy = q.copy();
        assertNotSame(q, copy);
        assertEquals(FloatActivationQuantizer.Mode.FIXED, copy.mode());
        assertEquals(3.5f, copy.amax());
        assertArrayEquals(out, copy.forward(x, 3));
        assertThrows(IllegalArgumentException.class, () -> FloatActivationQuantizer.fixed("a", new int[] {1}, E4M3,
                -1f));
        assertThrows(IllegalArgumentException.class, () -> FloatActivationQuantizer.fixed("a", new int[] {1}, E4M3,
                Float.NaN));
    }

    @Test
    void fixedFp4AtAmaxThreeQuartersUsesScaleEight() {
        // scale 6 / 0.75 = 8: y = 0.4 -> 0.5, 0.25 -> 0 (tie), 1.75 -> 2 (tie), 8 -> clipped to 6 (rounding 8 to
        // nearest on E2M1's top binade, quantum 2, would give 8 > 6)
        FloatActivationQuantizer q = FloatActivationQuantizer.fixed("act0", new int[] {4}, FloatFormat.FP4_E2M1,
                0.75f);
        assertEquals(8f, q.scale());
        float[] out = q.forward(new float[] {0.05f, 0.03125f, -0.21875f, 1f}, 1);
        assertArrayEquals(new float[] {0.0625f, 0f, -0.25f, 0.75f}, out);
        assertArrayEquals(new float[] {1f, 1f, 1f, 0f}, q.backward(new float[] {1f, 1f, 1f, 1f}, 1, true));
    }

    @Test
    void movingAverageUpdatesAmaxOnlyInTraining() {
        assertEquals(0.01f, ActivationQuantizer.AVERAGING_CONSTANT, "torch's default averaging_constant");
        FloatActivationQuantizer q = FloatActivationQuantizer.movingAverage("act2", new int[] {4}, E4M3, 3f);
        assertEquals(FloatActivationQuantizer.Mode.MOVING_AVERAGE, q.mode());
        float[] x = {53f, 3.3f, -1f, 0f};
        q.setTraining(false, 0);
        q.forward(x, 1);
        assertEquals(3f, q.amax(), "inference does not move the magnitude");

        q.setTraining(true, 0);
        float[] out = q.forward(x, 1).clone();
        // amax = 3 + 0.01f * (53 - 3): 0.01f * 50 = 0.49999998882... rounds to 0.5 (nearer than 0.5 - 2^-25),
        // so amax = 3.5 and the batch is quantized with the new scale 128: 53 clips to 3.5, 3.3 -> 3.25
        assertEquals(3.5f, q.amax());
        assertEquals(128f, q.scale());
        assertArrayEquals(new float[] {3.5f, 3.25f, -1f, 0f}, out, "updated before the batch is quantized");
        assertArrayEquals(new float[] {0f, 1f, 1f, 1f}, q.backward(new float[] {1f, 1f, 1f, 1f}, 1, true));

        q.forward(new float[] {0.5f, -0.25f, 0f, 0f}, 1);
        // amax = 3.5 + 0.01f * (0.5 - 3.5): 0.01f * -3 = -16106127 * 2^-29 exactly; 3.5 - 0.0299999993... =
        // 3.4700000006..., which is 14554234.88 ulps of 2^-22 -> 14554235 * 2^-22 = 3.47f
        assertEquals(3.47f, q.amax());
        q.setTraining(false, 0);
        q.forward(new float[] {400f, 0f, 0f, 0f}, 1);
        assertEquals(3.47f, q.amax());

        FloatActivationQuantizer frozen = q.frozen();
        assertEquals(FloatActivationQuantizer.Mode.FIXED, frozen.mode());
        assertEquals(3.47f, frozen.amax());
        FloatActivationQuantizer copy = q.copy();
        assertEquals(FloatActivationQuantizer.Mode.MOVING_AVERAGE, copy.mode());
        assertEquals(3.47f, copy.amax());
    }

    @Test
    void specRejectsKlCalibration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new FloatActivationSpec(E4M3, CalibrationSpec.of("kl")));
        assertTrue(e.getMessage().contains("kl"), e.getMessage());
    }

    // ---------------------------------------------------------------- in a network

    /** 40 examples of 8 features, N(0, 1), 3 classes. */
    private static Dataset data() {
        int n = 40;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new Dataset("tiny", TestTensors.gaussian(21, n * 8, 1.0), labels, new int[] {8}, List.of("a", "b",
                "c"));
    }

    /** fc1 (8 -> 6), relu, fc2 (6 -> 5), relu, fc3 (5 -> 3): sites at the input and after each relu. */
    private static Network mlp() {
        return ModelZoo.build(new ModelConfig("mlp", List.of(6, 5), "relu", 0, false), new int[] {8}, 3, 7);
    }

    private static TensorFormat weightFormat() {
        return new ScaledFloatFormat(E4M3, Granularity.PER_CHANNEL, 0, Rounding.NEAREST_EVEN, false,
                CalibrationSpec.of("minmax"));
    }

    private static float maxAbs(float[] a, int length) {
        float m = 0;
        for (int i = 0; i < length; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }

    /**
     * The largest magnitude at each site over the calibration examples, computed by running the weight-quantized
     * layers by hand: the input, relu(fc1(x)) and relu(fc2(relu(fc1(x)))).
     */
    private static float[] expectedAmax(Network weightQuantized, CalibrationData calibration) {
        Dataset cal = calibration.toDataset();
        int n = cal.size();
        List<Layer> layers = weightQuantized.copy().layers();
        float[] a = cal.features().clone();
        float[] amax = new float[3];
        amax[0] = maxAbs(a, n * 8);
        a = layers.get(1).forward(layers.get(0).forward(a, n), n);
        amax[1] = maxAbs(a, n * 6);
        a = layers.get(3).forward(layers.get(2).forward(a, n), n);
        amax[2] = maxAbs(a, n * 5);
        return amax;
    }

    private static float[] amaxOf(List<? extends Layer> layers) {
        List<Float> m = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof FloatActivationQuantizer q) {
                m.add(q.amax());
            }
        }
        float[] a = new float[m.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = m.get(i);
        }
        return a;
    }

    @Test
    void staticQuantizationPutsFloatQuantizersAtTheIntegerSites() {
        Dataset train = data();
        Network net = mlp();
        QuantizedNetwork weights = WeightQuantizer.quantize(net, layer -> weightFormat(), 0);
        CalibrationData calibration = new CalibrationData(train, 2, 16, 1);
        StaticQuantization fp8 = QuantSimulator.simulateStatic(weights, E4M3_MINMAX, calibration);
        StaticQuantization int8 = QuantSimulator.simulateStatic(weights, ActivationSpec.uint8(), calibration);

        List<Layer> floatLayers = fp8.simulated().layers();
        List<Layer> intLayers = int8.simulated().layers();
        assertEquals(8, floatLayers.size(), "5 layers + 3 sites");
        assertEquals(intLayers.stream().map(Layer::name).toList(), floatLayers.stream().map(Layer::name).toList());
        for (int i = 0; i < floatLayers.size(); i++) {
            assertEquals(intLayers.get(i) instanceof ActivationQuantizer,
                    floatLayers.get(i) instanceof FloatActivationQuantizer, "layer " + i);
        }
        assertEquals(List.of("act0", "act1", "act2"), fp8.sites().stream().map(Layer::name).toList());
        assertEquals(List.of(0, 3, 6), List.of(floatLayers.indexOf(fp8.sites().get(0)),
                floatLayers.indexOf(fp8.sites().get(1)), floatLayers.indexOf(fp8.sites().get(2))));
        assertTrue(fp8.activationParams().isEmpty(), "no integer parameters for float activations");
        assertEquals(3, int8.activationParams().size());
        assertTrue(fp8.weightParams().isEmpty(), "scaled fp8 weights have no integer grid");
        for (SiteQuantizer s : fp8.sites()) {
            FloatActivationQuantizer q = assertInstanceOf(FloatActivationQuantizer.class, s);
            assertEquals(FloatActivationQuantizer.Mode.FIXED, q.mode());
            assertSame(E4M3, q.format());
        }
        float[] amax = amaxOf(fp8.sites());
        assertArrayEquals(expectedAmax(weights.network(), calibration), amax, "minmax over the calibration batches");

        Network plain = fp8.plain();
        assertTrue(plain.layers().stream().noneMatch(l -> l instanceof SiteQuantizer));
        assertEquals(5, plain.layers().size());
        Network rebuilt = QuantSimulator.withFixedFloatActivations(plain, E4M3, amax);
        float[] expected = fp8.simulated().logits(train.features(), train.size());
        float[] actual = rebuilt.logits(train.features(), train.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "logit " + i);
        }
        assertFalse(Arrays.equals(expected, plain.logits(train.features(), train.size())),
                "the fp8 sites change the logits");
        assertThrows(IllegalArgumentException.class, () ->
                QuantSimulator.withFixedFloatActivations(plain, E4M3, new float[] {1f, 1f}));
    }

    @Test
    void qatHoldsMovingAverageQuantizersAndConvertsToFixedOnes() {
        Dataset train = data();
        Network net = mlp();
        CalibrationData calibration = new CalibrationData(train, 2, 16, 1);
        QatNetwork qat = QuantSimulator.prepareQat(net, new WeightQat.Format(layer -> weightFormat()), E4M3_MINMAX,
                calibration);
        List<FloatActivationQuantizer> sites = qat.network().layers().stream()
                .filter(l -> l instanceof FloatActivationQuantizer).map(l -> (FloatActivationQuantizer) l).toList();
        assertEquals(List.of("act0", "act1", "act2"), sites.stream().map(Layer::name).toList());
        for (FloatActivationQuantizer q : sites) {
            assertEquals(FloatActivationQuantizer.Mode.MOVING_AVERAGE, q.mode());
        }
        // calibrated with the weights fake-quantized: the same magnitudes as static quantization's
        QuantizedNetwork weights = WeightQuantizer.quantize(net, layer -> weightFormat(), 0);
        float[] calibrated = expectedAmax(weights.network(), calibration);
        assertArrayEquals(calibrated, amaxOf(sites));

        StaticQuantization converted = qat.convert();
        assertTrue(converted.activationParams().isEmpty());
        for (SiteQuantizer s : converted.sites()) {
            assertEquals(FloatActivationQuantizer.Mode.FIXED, ((FloatActivationQuantizer) s).mode());
        }
        assertArrayEquals(calibrated, amaxOf(converted.sites()));

        // one training-mode batch moves act0 towards the batch's magnitude: m + 0.01 (3 * m0 - m) in float32
        float[] batch = new float[4 * 8];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = train.features()[i] * 3;
        }
        float batchAmax = maxAbs(batch, batch.length);
        qat.network().setTraining(true, 0);
        qat.network().forward(batch, 4);
        float m = calibrated[0];
        assertEquals(m + 0.01f * (batchAmax - m), sites.get(0).amax());
        assertTrue(sites.get(0).amax() > m, "the batch was larger");
        assertEquals(m, amaxOf(converted.sites())[0], "the converted network is a snapshot");
        assertEquals(m + 0.01f * (batchAmax - m), amaxOf(qat.convert().sites())[0]);
    }
}
