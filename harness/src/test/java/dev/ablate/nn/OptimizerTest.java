package dev.ablate.nn;

import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Closed-form checks of one and two steps of every optimizer (expected values computed in double, compared with
 * float32 tolerance), bit-for-bit agreement of the vectorised loops with a scalar float32 port of the
 * documented formulas, and the mask invariant.
 */
class OptimizerTest {

    private static final double[] W0 = {1.0, -2.0, 0.5};
    private static final double[] G1 = {0.5, 0.25, -1.0};
    private static final double[] G2 = {-0.3, 0.75, 0.125};

    private static Parameter param(double... values) {
        Parameter p = new Parameter("p.weight", new int[] {values.length}, true);
        for (int i = 0; i < values.length; i++) {
            p.data()[i] = (float) values[i];
        }
        return p;
    }

    private static void setGrad(Parameter p, double[] g) {
        for (int i = 0; i < g.length; i++) {
            p.grad()[i] = (float) g[i];
        }
    }

    /** Two steps with gradients G1 then G2; returns the parameter after each step. */
    private static float[][] twoSteps(Function<List<Parameter>, Optimizer> make) {
        Parameter p = param(W0);
        Optimizer opt = make.apply(List.of(p));
        setGrad(p, G1);
        opt.step();
        float[] after1 = p.data().clone();
        setGrad(p, G2);
        opt.step();
        return new float[][] {after1, p.data().clone()};
    }

    private static void assertNear(double[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            // float32 rounding of a handful of operations on values of order 1
            if (Math.abs(expected[i] - actual[i]) > 1e-6 * Math.max(1, Math.abs(expected[i]))) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    /** Double-precision SGD, PyTorch's rule, for the two-step check. */
    private static double[][] sgdExpected(double lr, double momentum, boolean nesterov, double wd) {
        double[] w = W0.clone();
        double[] buf = new double[w.length];
        double[][] out = new double[2][];
        double[][] grads = {G1, G2};
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < w.length; i++) {
                double d = grads[t][i] + wd * w[i];
                double u = d;
                if (momentum != 0) {
                    buf[i] = t == 0 ? d : momentum * buf[i] + d;
                    u = nesterov ? d + momentum * buf[i] : buf[i];
                }
                w[i] -= lr * u;
            }
            out[t] = w.clone();
        }
        return out;
    }

    /** Double-precision Adam / AdamW, PyTorch's rule, for the two-step check. */
    private static double[][] adamExpected(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[][] out = new double[2][];
        double[][] grads = {G1, G2};
        for (int t = 1; t <= 2; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = grads[t - 1][i];
                if (decoupled) {
                    w[i] *= 1 - lr * wd;
                } else {
                    g += wd * w[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                w[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
            }
            out[t - 1] = w.clone();
        }
        return out;
    }

    @Test
    void plainSgdOneAndTwoSteps() {
        float[][] got = twoSteps(ps -> new Sgd(ps, 0.1, 0, 0));
        // step 1 by hand: w - 0.1 * g
        assertNear(new double[] {0.95, -2.025, 0.6}, got[0], "step 1");
        assertNear(sgdExpected(0.1, 0, false, 0)[1], got[1], "step 2");
    }

    @Test
    void sgdWithWeightDecayAddsItToTheGradient() {
        float[][] got = twoSteps(ps -> new Sgd(ps, 0.1, 0, 0.01));
        // step 1: d = g + 0.01 w
        assertNear(new double[] {1 - 0.1 * 0.51, -2 - 0.1 * 0.23, 0.5 - 0.1 * -0.995}, got[0], "step 1");
        assertNear(sgdExpected(0.1, 0, false, 0.01)[1], got[1], "step 2");
    }

    @Test
    void sgdMomentumStartsTheBufferAtTheFirstGradient() {
        float[][] got = twoSteps(ps -> new Sgd(ps, 0.1, 0.9, 0.01));
        double[][] expected = sgdExpected(0.1, 0.9, false, 0.01);
        // the first step equals plain SGD: the buffer is d itself, not (1 - dampening) d or 0.9 * 0 + d scaled
        assertNear(sgdExpected(0.1, 0, false, 0.01)[0], got[0], "step 1");
        assertNear(expected[0], got[0], "step 1");
        assertNear(expected[1], got[1], "step 2");
        // step 2 by hand for element 0: w1 = 0.949, d2 = -0.3 + 0.00949, buf = 0.9 * 0.51 + d2
        assertEquals(0.949 - 0.1 * (0.9 * 0.51 - 0.3 + 0.00949), got[1][0], 1e-6);
    }

    @Test
    void nesterovLooksAhead() {
        float[][] got = twoSteps(ps -> new Sgd(ps, 0.1, 0.9, true, 0.01));
        double[][] expected = sgdExpected(0.1, 0.9, true, 0.01);
        // step 1: u = d + 0.9 d = 1.9 d
        assertEquals(1 - 0.1 * 1.9 * 0.51, got[0][0], 1e-6);
        assertNear(expected[0], got[0], "step 1");
        assertNear(expected[1], got[1], "step 2");
    }

    @Test
    void adamOneAndTwoSteps() {
        float[][] got = twoSteps(ps -> new Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0));
        // first bias-corrected step is lr * g / (|g| + eps'), i.e. lr * sign(g) up to eps
        assertNear(new double[] {1 - 0.01, -2 - 0.01, 0.5 + 0.01}, got[0], "step 1");
        double[][] expected = adamExpected(0.01, 0.9, 0.999, 1e-8, 0, false);
        assertNear(expected[0], got[0], "step 1");
        assertNear(expected[1], got[1], "step 2");
    }

    @Test
    void adamWeightDecayIsL2OnTheGradient() {
        // a large eps makes the update depend on the magnitude of g + wd * w, so the L2 term is visible
        float[][] got = twoSteps(ps -> new Adam(ps, 0.01, 0.9, 0.999, 0.5, 0.1));
        double[][] expected = adamExpected(0.01, 0.9, 0.999, 0.5, 0.1, false);
        assertNear(expected[0], got[0], "step 1");
        assertNear(expected[1], got[1], "step 2");
        double[][] decoupled = adamExpected(0.01, 0.9, 0.999, 0.5, 0.1, true);
        assertTrue(Math.abs(decoupled[1][1] - got[1][1]) > 1e-4, "L2 and decoupled decay must differ");
    }

    @Test
    void adamWDecaysTheWeightsBeforeTheUpdate() {
        float[][] got = twoSteps(ps -> new AdamW(ps, 0.01, 0.9, 0.999, 1e-8, 0.1));
        // step 1: w * (1 - 0.001) then - lr * sign(g)
        assertNear(new double[] {0.999 - 0.01, -1.998 - 0.01, 0.4995 + 0.01}, got[0], "step 1");
        double[][] expected = adamExpected(0.01, 0.9, 0.999, 1e-8, 0.1, true);
        assertNear(expected[0], got[0], "step 1");
        assertNear(expected[1], got[1], "step 2");
    }

    @Test
    void learningRateCanBeChangedBetweenSteps() {
        Parameter p = param(W0);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0, 0);
        sgd.setLearningRate(0.5);
        assertEquals(0.5, sgd.learningRate());
        setGrad(p, G1);
        sgd.step();
        assertEquals(1 - 0.5 * 0.5, p.data()[0], 1e-7);
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.NaN));
    }

    // ---- vector loops against a scalar float32 port of the documented formulas, bit for bit ----

    /** A scalar float32 implementation of one optimizer (the formulas of the classes' Javadoc). */
    private interface ScalarStep {
        void step(float[] w, float[] g, int t);
    }

    private static ScalarStep scalarSgd(double lr, double momentum, boolean nesterov, double wd, int n) {
        float rate = (float) lr, mom = (float) momentum, decay = (float) wd;
        float[] buf = new float[n];
        return (w, g, t) -> {
            for (int j = 0; j < n; j++) {
                float d = g[j] + decay * w[j];
                float u = d;
                if (momentum != 0) {
                    buf[j] = t == 1 ? d : buf[j] * mom + d;
                    u = nesterov ? d + mom * buf[j] : buf[j];
                }
                w[j] = w[j] - rate * u;
            }
        };
    }

    private static ScalarStep scalarAdam(double lr, double b1, double b2, double eps, double wd, boolean decoupled,
                                         int n) {
        float[] m = new float[n];
        float[] v = new float[n];
        return (w, g, t) -> {
            float stepSize = (float) -(lr / (1 - Math.pow(b1, t)));
            float bc2 = (float) Math.sqrt(1 - Math.pow(b2, t));
            float shrink = (float) (1 - lr * wd);
            for (int j = 0; j < n; j++) {
                float gj = decoupled ? g[j] : g[j] + w[j] * (float) wd;
                float wj = decoupled ? w[j] * shrink : w[j];
                m[j] = m[j] * (float) b1 + gj * (float) (1 - b1);
                v[j] = v[j] * (float) b2 + gj * (float) (1 - b2) * gj;
                float denom = (float) Math.sqrt(v[j]) / bc2 + (float) eps;
                w[j] = wj + m[j] / denom * stepSize;
            }
        };
    }

    private static final double[] SCALES = {1e-3, 1e-2, 0.1, 1, 10};

    record Case(String name, Function<List<Parameter>, Optimizer> make, Function<Integer, ScalarStep> scalar) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> vectorCases() {
        return Stream.of(
                new Case("sgd", ps -> new Sgd(ps, 0.05, 0, 1e-3), n -> scalarSgd(0.05, 0, false, 1e-3, n)),
                new Case("sgd-momentum", ps -> new Sgd(ps, 0.05, 0.9, 1e-3), n -> scalarSgd(0.05, 0.9, false, 1e-3, n)),
                new Case("sgd-nesterov", ps -> new Sgd(ps, 0.05, 0.9, true, 1e-3),
                        n -> scalarSgd(0.05, 0.9, true, 1e-3, n)),
                new Case("adam", ps -> new Adam(ps, 1e-3, 0.9, 0.999, 1e-8, 1e-2),
                        n -> scalarAdam(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, n)),
                new Case("adamw", ps -> new AdamW(ps, 1e-3, 0.9, 0.999, 1e-8, 1e-2),
                        n -> scalarAdam(1e-3, 0.9, 0.999, 1e-8, 1e-2, true, n))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorCases")
    void vectorLoopsMatchScalarFloat32BitForBit(Case c) {
        // lengths below, at and above a vector multiple exercise the vector body and the scalar tail; the long
        // run gets the loops JIT-compiled, so the intrinsics are compared too, not only the interpreter's fallback
        int[][] lengthsAndSteps = {{3, 5}, {16, 5}, {67, 5}, {301, 5}, {1003, 3000}};
        SplittableRandom rng = new SplittableRandom(42);
        for (int[] ls : lengthsAndSteps) {
            int n = ls[0];
            Parameter p = new Parameter("p.weight", new int[] {n}, true);
            float[] w = new float[n];
            for (int j = 0; j < n; j++) {
                w[j] = (float) rng.nextGaussian();
                p.data()[j] = w[j];
            }
            Optimizer opt = c.make().apply(List.of(p));
            ScalarStep ref = c.scalar().apply(n);
            float[] g = new float[n];
            for (int t = 1; t <= ls[1]; t++) {
                for (int j = 0; j < n; j++) {
                    g[j] = (float) (rng.nextGaussian() * SCALES[rng.nextInt(SCALES.length)]);
                    p.grad()[j] = g[j];
                }
                opt.step();
                ref.step(w, g, t);
                for (int j = 0; j < n; j++) {
                    if (Float.floatToIntBits(w[j]) != Float.floatToIntBits(p.data()[j])) {
                        fail(c + " n=" + n + " step " + t + " [" + j + "]: scalar " + w[j] + ", vector " + p.data()[j]);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorCases")
    void maskedEntriesStayExactlyZero(Case c) {
        int n = 37;
        Parameter p = new Parameter("p.weight", new int[] {n}, true);
        float[] mask = new float[n];
        for (int j = 0; j < n; j++) {
            p.data()[j] = 0.1f * (j + 1);
            mask[j] = j % 4 == 1 ? 0f : 1f;
        }
        p.setMask(mask);
        Optimizer opt = c.make().apply(List.of(p));
        for (int t = 0; t < 4; t++) {
            for (int j = 0; j < n; j++) {
                p.grad()[j] = j % 2 == 0 ? -1.5f : 2.5f; // gradients on masked entries too
            }
            opt.step();
        }
        for (int j = 0; j < n; j++) {
            if (mask[j] == 0f) {
                assertEquals(0, Float.floatToRawIntBits(p.data()[j]), c + " [" + j + "] must stay +0.0");
            } else {
                assertTrue(p.data()[j] != 0.1f * (j + 1), c + " [" + j + "] should have moved");
            }
        }
    }

    // ---- construction ----

    @Test
    void configNamesTheOptimizer() {
        List<Parameter> ps = List.of(param(W0));
        assertInstanceOf(Sgd.class, Optimizer.forConfig(new TrainConfig(1, 1, "sgd", 0.1, 0.9, 0), ps));
        assertInstanceOf(Adam.class, Optimizer.forConfig(new TrainConfig(1, 1, "adam", 0.1, 0.9, 0), ps));
        assertInstanceOf(AdamW.class, Optimizer.forConfig(new TrainConfig(1, 1, "adamw", 0.1, 0.9, 0), ps));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizer.forConfig(new TrainConfig(1, 1, "Adam", 0.1, 0.9, 0), ps));
        assertEquals("train.optimizer: unknown optimizer 'Adam' (expected one of sgd, adam, adamw)", e.getMessage());
    }

    @Test
    void rejectsBadSettings() {
        List<Parameter> ps = List.of(param(W0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(ps, 0.1, 0, true, 0));
        assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(ps, -0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(ps, 0.1, 0.9, 0.999, -1, 0));
    }
}
