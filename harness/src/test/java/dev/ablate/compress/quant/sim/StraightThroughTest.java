package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.IntFormats;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.TestTensors;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.Sgd;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StraightThroughTest {

    @Test
    void activationGradientIsUpstreamTimesMask() {
        int n = 7;
        int size = 12;
        float[] x = TestTensors.gaussian(1, n * size, 2.0);
        float[] g = TestTensors.gaussian(2, n * size, 1.0);
        IntRange range = QuantScheme.UNSIGNED_AFFINE.range(4);
        QParams qp = QParams.perTensor(0.2f, 3);
        ActivationQuantizer q = ActivationQuantizer.fixed("act0", new int[] {3, 4}, qp, range);
        float[] out = q.forward(x, n);
        float[] gradIn = q.backward(g, n, true);
        FakeQuantizer.Result r = FakeQuantizer.fakeQuantizeWithCodes(x, qp, range);
        int blocked = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(r.output()[i], out[i]);
            assertEquals(g[i] * r.mask()[i], gradIn[i]);
            blocked += 1 - r.mask()[i];
        }
        assertTrue(blocked > 0 && blocked < x.length, "the data exercises both sides of the mask: " + blocked);
    }

    @Test
    void movingAverageQuantizerTracksTheRangeOnlyInTraining() {
        QParams initial = QParams.perTensor(0.01f, 0);
        ActivationQuantizer q = ActivationQuantizer.movingAverage("act1", new int[] {50}, QuantScheme.UNSIGNED_AFFINE,
                8, initial);
        float[] x = TestTensors.gaussian(3, 50, 1.0);
        q.setTraining(false, 0);
        q.forward(x, 1);
        assertEquals(initial, q.qParams(), "inference uses the frozen parameters");
        q.setTraining(true, 0);
        q.forward(x, 1);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float min = 0f + 0.01f * (lo - 0f);
        float max = 2.55f + 0.01f * (hi - 2.55f);
        QParams expected = MinMaxObserver.perTensor(QuantScheme.UNSIGNED_AFFINE, 8).observe(new float[] {min, max})
                .calculateQParams();
        assertEquals(expected, q.qParams(), "torch's moving average with averaging_constant 0.01");
        assertEquals(expected, q.frozen().qParams());
        assertEquals(ActivationQuantizer.Mode.FIXED, q.frozen().mode());
    }

    @Test
    void learnedActivationStepReceivesLsqGradients() {
        ActivationQuantizer q = ActivationQuantizer.learned("act0", new int[] {16}, QuantScheme.UNSIGNED_AFFINE, 4,
                QParams.perTensor(0.1f, 2));
        assertEquals(List.of("act0.scale", "act0.zero_point"), q.parameters().stream().map(Parameter::name).toList());
        float[] x = TestTensors.gaussian(4, 32, 1.0);
        float[] g = TestTensors.gaussian(5, 32, 1.0);
        float[] out = q.forward(x, 2).clone();
        q.backward(g, 2, true);
        LearnedStepQuantizer lsq = new LearnedStepQuantizer(QuantScheme.UNSIGNED_AFFINE.range(4));
        float[] expectedOut = new float[32];
        lsq.forward(x, 32, new float[] {0.1f}, new float[] {2f}, expectedOut, null);
        assertArrayEquals(expectedOut, out);
        float[] gs = new float[1];
        float[] gz = new float[1];
        lsq.backward(x, g, 32, new float[] {0.1f}, new float[] {2f}, lsq.gradFactor(32), new float[32], gs, gz, null);
        assertEquals(gs[0], q.parameters().get(0).grad()[0]);
        assertEquals(gz[0], q.parameters().get(1).grad()[0]);
        assertNotEquals(0f, gs[0]);
    }

    @Test
    void weightGradientPassesThroughTheMaskAndPrunedWeightsStayZero() {
        Linear fc = new Linear("fc1", 6, 4);
        fc.resetParameters(new SplittableRandom(7));
        float[] mask = new float[24];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 0f : 1f;
        }
        fc.weight().setMask(mask);
        TensorFormat format = IntFormats.of(QuantScheme.SIGNED_SYMMETRIC, 2, false);
        WeightFakeQuant w = WeightFakeQuant.withFormat(fc, format);
        Parameter master = w.masterWeight();
        assertEquals("fc1.weight", master.name());
        assertArrayEquals(mask, master.mask());
        Sgd sgd = new Sgd(w.parameters(), 0.5, 0.9, 0.01);
        float[] x = TestTensors.gaussian(8, 5 * 6, 1.0);
        for (int step = 0; step < 5; step++) {
            float[] before = master.data().clone();
            w.forward(x, 5);
            float[] g = TestTensors.gaussian(10 + step, 5 * 4, 1.0);
            w.backward(g, 5, false);
            // the wrapped layer's gradient, recomputed: dW = g^T x for the quantized forward
            float[] dw = new float[24];
            for (int r = 0; r < 5; r++) {
                for (int o = 0; o < 4; o++) {
                    for (int i = 0; i < 6; i++) {
                        dw[o * 6 + i] += g[r * 4 + o] * x[r * 6 + i];
                    }
                }
            }
            byte[] ste = steMask(format, before);
            for (int k = 0; k < 24; k++) {
                float expected = mask[k] == 0f ? 0f : dw[k] * ste[k];
                assertEquals(expected, master.grad()[k], 1e-5f, "grad[" + k + "] at step " + step);
            }
            sgd.step();
            for (int k = 0; k < 24; k++) {
                if (mask[k] == 0f) {
                    assertEquals(0f, master.data()[k], "pruned master weight " + k);
                }
            }
        }
        WeightFakeQuant.Converted c = w.convert();
        float[] deployed = c.layer().parameters().get(0).data();
        for (int k = 0; k < 24; k++) {
            if (mask[k] == 0f) {
                assertEquals(0f, deployed[k], "pruned deployed weight " + k);
            }
        }
        assertArrayEquals(mask, c.layer().parameters().get(0).mask());
        assertEquals(2, c.report().report().elementBits());
    }

    private static byte[] steMask(TensorFormat format, float[] w) {
        byte[] m = new byte[w.length];
        format.quantize(w, new int[] {4, 6}, new float[w.length], m, null);
        return m;
    }
}
