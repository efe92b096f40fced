package dev.ablate.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Analytic (float32) gradients against double-precision central differences of independent double
 * re-implementations of the same functions, on small sizes.
 *
 * <p>Tolerance: {@code |analytic - numeric| <= 2e-5 + 1e-3 * |numeric|}. Float32 accumulation contributes
 * about 1e-7 here and the central-difference truncation error about h^2 = 1e-12, so the bound is loose only
 * by design margin; any layout or sign error is off by O(0.1).
 */
class GradientCheckTest {

    private static final double ABS_TOL = 2e-5;
    private static final double REL_TOL = 1e-3;

    private static float[] random(SplittableRandom rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((2 * rng.nextDouble() - 1) * scale);
        }
        return a;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static void assertClose(String what, float[] analytic, double[] numeric, int count) {
        for (int i = 0; i < count; i++) {
            double tol = ABS_TOL + REL_TOL * Math.abs(numeric[i]);
            if (Math.abs(analytic[i] - numeric[i]) > tol) {
                fail(what + "[" + i + "]: analytic " + analytic[i] + " vs numeric " + numeric[i] + " (tol " + tol + ")");
            }
        }
    }

    @Test
    void linearWeightBiasAndInputGradients() {
        SplittableRandom rng = new SplittableRandom(1);
        int in = 4, out = 3, n = 5;
        Linear lin = new Linear("fc", in, out);
        lin.resetParameters(rng);
        float[] x = random(rng, n * in, 1);
        float[] g = random(rng, n * out, 1);
        lin.forward(x, n);
        float[] dx = lin.backward(g, n, true).clone();

        double[] w = toDouble(lin.weight().data());
        double[] b = toDouble(lin.bias().data());
        double[] xd = toDouble(x);
        java.util.function.DoubleSupplier loss = () -> {
            double s = 0;
            for (int r = 0; r < n; r++) {
                for (int o = 0; o < out; o++) {
                    double y = b[o];
                    for (int i = 0; i < in; i++) {
                        y += xd[r * in + i] * w[o * in + i];
                    }
                    s += g[r * out + o] * y;
                }
            }
            return s;
        };
        assertClose("dW", lin.weight().grad(), CnnGradientCheckTest.numericGrad(w, loss), w.length);
        assertClose("db", lin.bias().grad(), CnnGradientCheckTest.numericGrad(b, loss), b.length);
        assertClose("dX", dx, CnnGradientCheckTest.numericGrad(xd, loss), xd.length);
    }

    @Test
    void reluInputGradient() {
        SplittableRandom rng = new SplittableRandom(2);
        int size = 6, n = 4;
        float[] x = random(rng, n * size, 1);
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) < 0.05f) {
                x[i] = 0.5f; // keep clear of the kink, where the derivative is a convention
            }
        }
        float[] g = random(rng, n * size, 1);
        ReLU relu = new ReLU(size);
        relu.forward(x, n);
        float[] dx = relu.backward(g, n, true).clone();
        double[] xd = toDouble(x);
        double[] numeric = CnnGradientCheckTest.numericGrad(xd, () -> {
            double s = 0;
            for (int i = 0; i < xd.length; i++) {
                s += g[i] * Math.max(xd[i], 0);
            }
            return s;
        });
        assertClose("dX", dx, numeric, xd.length);
    }

    private static double crossEntropy(double[] z, int[] labels, int n, int c) {
        double total = 0;
        for (int r = 0; r < n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, z[r * c + j]);
            }
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(z[r * c + j] - max);
            }
            total += Math.log(s) + max - z[r * c + labels[r]];
        }
        return total / n;
    }

    @Test
    void softmaxCrossEntropyGradient() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 5, c = 4;
        float[] z = random(rng, n * c, 3);
        int[] labels = {0, 3, 1, 1, 2};
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(c);
        double loss = ce.forward(z, labels, n);
        double[] zd = toDouble(z);
        assertEquals(crossEntropy(zd, labels, n, c), loss, 1e-6);
        assertClose("dZ", ce.backward(), CnnGradientCheckTest.numericGrad(zd, () -> crossEntropy(zd, labels, n, c)), zd.length);
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(3);
        double loss = ce.forward(new float[] {1e30f, -1e30f, 0f, 500f, 1000f, 1000f}, new int[] {0, 1}, 2);
        assertEquals((0 + Math.log(2)) / 2, loss, 1e-9);
    }

    @Test
    void twoHiddenLayerMlpGradients() {
        SplittableRandom rng = new SplittableRandom(4);
        int in = 5, h1 = 7, h2 = 6, c = 3, n = 4;
        Linear fc1 = new Linear("fc1", in, h1);
        Linear fc2 = new Linear("fc2", h1, h2);
        Linear fc3 = new Linear("fc3", h2, c);
        for (Linear l : List.of(fc1, fc2, fc3)) {
            l.resetParameters(rng);
        }
        Network net = new Network(List.of(fc1, new ReLU(h1), fc2, new ReLU(h2), fc3));
        float[] x = random(rng, n * in, 2);
        int[] labels = {2, 0, 1, 2};
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(c);
        double loss = ce.forward(net.forward(x, n), labels, n);
        net.backward(ce.backward(), n);

        List<Parameter> ps = net.parameters();
        double[][] p = new double[ps.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = toDouble(ps.get(i).data());
        }
        double[] xd = toDouble(x);
        int[] widths = {in, h1, h2, c};
        java.util.function.DoubleSupplier f = () -> {
            double[] a = xd;
            for (int layer = 0; layer < 3; layer++) {
                int fi = widths[layer], fo = widths[layer + 1];
                double[] w = p[2 * layer], b = p[2 * layer + 1];
                double[] y = new double[n * fo];
                for (int r = 0; r < n; r++) {
                    for (int o = 0; o < fo; o++) {
                        double s = b[o];
                        for (int i = 0; i < fi; i++) {
                            s += a[r * fi + i] * w[o * fi + i];
                        }
                        y[r * fo + o] = layer < 2 ? Math.max(s, 0) : s;
                    }
                }
                a = y;
            }
            return crossEntropy(a, labels, n, c);
        };
        assertEquals(f.getAsDouble(), loss, 1e-5);
        for (int i = 0; i < p.length; i++) {
            assertClose(ps.get(i).name(), ps.get(i).grad(), CnnGradientCheckTest.numericGrad(p[i], f), p[i].length);
        }
    }
}
