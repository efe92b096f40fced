package dev.ablate.compress.precision;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CastLayerTest {

    private static final int SIZE = 6;
    private static final int BATCH = 3;

    private static CastLayer cast(String activations, String gradients, Rounding rounding) {
        return new CastLayer("cast(fc1)", new int[] {2, SIZE / 2}, ScalarFormat.parse(activations),
                ScalarFormat.parse(gradients), rounding, 11);
    }

    private static float[] random(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[BATCH * SIZE];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    @Test
    void anFp32CastPassesValuesAndGradientsThroughAndItsGradientChecks() {
        CastLayer cast = cast("fp32", "fp32", Rounding.STOCHASTIC);
        float[] x = random(1);
        float[] g = random(2);
        float[] y = cast.forward(x, BATCH).clone();
        assertArrayEquals(x, y);
        float[] dx = cast.backward(g, BATCH, true);
        assertNotSame(g, dx);
        assertArrayEquals(g, Arrays.copyOf(dx, g.length));
        // central differences of L(x) = sum g·cast(x): d L / d x_i = g_i
        double h = 1e-3;
        for (int i = 0; i < x.length; i++) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double numeric = (dot(g, cast.forward(plus, BATCH)) - dot(g, cast.forward(minus, BATCH)))
                    / (plus[i] - (double) minus[i]);
            assertEquals(numeric, dx[i], 1e-4, "d/dx[" + i + "]");
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void anFp32TrainingNetworkComputesThePlainNetworksGradients() {
        Dataset data = PrecisionFixtures.blobs(16, 4);
        Network plain = PrecisionFixtures.mlp(3);
        Network net = PrecisionFixtures.mlp(3);
        Network training = LowPrecisionTraining.prepare(net, PrecisionFixtures.formats("fp32", "fp32", "fp32",
                "nearest-even", false), 5).trainingNetwork();
        for (Network n : new Network[] {plain, training}) {
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(PrecisionFixtures.CLASSES);
            loss.forward(n.forward(data.features(), 16), data.labels(), 16);
            n.backward(loss.backward(), 16);
        }
        for (int i = 0; i < plain.parameters().size(); i++) {
            Parameter p = plain.parameters().get(i);
            assertArrayEquals(p.grad(), net.parameters().get(i).grad(), p.name());
        }
    }

    @Test
    void theForwardPassRoundsToTheActivationFormatAndTheBackwardPassToTheGradientFormat() {
        CastLayer cast = cast("fp16", "fp8-e5m2", Rounding.NEAREST_EVEN);
        float[] x = random(1);
        float[] g = random(2);
        float[] y = cast.forward(x, BATCH);
        float[] dx = cast.backward(g, BATCH, true);
        for (int i = 0; i < x.length; i++) {
            assertEquals(FloatFormat.FP16.round(x[i]), y[i]);
            assertEquals(FloatFormat.FP8_E5M2.round(g[i]), dx[i]);
        }
        assertNull(cast.backward(g, BATCH, false));
        assertThrows(IllegalStateException.class, () -> cast.backward(g, 2, true));
        assertThrows(IllegalArgumentException.class, () -> cast.forward(x, BATCH + 1));
        assertArrayEquals(new int[] {2, 3}, cast.outputShape());
    }

    @Test
    void stochasticCastsRestartTheirStreamOnEverySetTrainingCall() {
        CastLayer a = cast("fp8-e4m3", "fp8-e4m3", Rounding.STOCHASTIC);
        CastLayer b = a.copy();
        float[] x = random(1);
        a.setTraining(true, 42);
        b.setTraining(true, 42);
        float[] first = a.forward(x, BATCH).clone();
        assertArrayEquals(first, b.forward(x, BATCH));
        assertFalse(Arrays.equals(first, a.forward(x, BATCH)), "the stream goes on within an epoch");
        a.setTraining(true, 42);
        assertArrayEquals(first, a.forward(x, BATCH));
        a.setTraining(true, 43);
        assertFalse(Arrays.equals(first, a.forward(x, BATCH)));
        for (float v : first) {
            assertTrue(v == FloatFormat.FP8_E4M3.round(v), v + " is an E4M3 value");
        }
    }
}
