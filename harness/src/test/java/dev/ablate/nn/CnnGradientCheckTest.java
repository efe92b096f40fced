package dev.ablate.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Analytic float32 gradients of the CNN layers against double-precision central differences of independent,
 * scalar double re-implementations (the reference paths live only here), on small shapes. Each check uses
 * the scalar loss {@code L = sum_i g_i * y_i} for a random upstream gradient {@code g}, and also compares the
 * float forward output with the double reference.
 *
 * <p>Tolerance: forward {@code |y - ref| <= 1e-5 + 1e-5 |ref|}; gradients
 * {@code |analytic - numeric| <= 2e-5 + 1e-3 |numeric|} (h = 1e-6: truncation error ~h^2, float32 accumulation
 * ~1e-6 on these sizes). Layout or sign errors are off by O(0.1). Max pooling and ReLU are non-differentiable
 * only at ties/zero, which random inputs avoid by far more than h.
 */
class CnnGradientCheckTest {

    private static final double H = 1e-6;

    static float[] random(SplittableRandom rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((2 * rng.nextDouble() - 1) * scale);
        }
        return a;
    }

    static double[] toDouble(float[] a, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static double dot(float[] g, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += g[i] * y[i];
        }
        return s;
    }

    static double[] numericGrad(double[] v, DoubleSupplier f) {
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double old = v[i];
            v[i] = old + H;
            double plus = f.getAsDouble();
            v[i] = old - H;
            double minus = f.getAsDouble();
            v[i] = old;
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    static void assertGrad(String what, float[] analytic, double[] numeric) {
        for (int i = 0; i < numeric.length; i++) {
            double tol = 2e-5 + 1e-3 * Math.abs(numeric[i]);
            if (Math.abs(analytic[i] - numeric[i]) > tol) {
                fail(what + "[" + i + "]: analytic " + analytic[i] + " vs numeric " + numeric[i] + " (tol " + tol + ")");
            }
        }
    }

    static void assertForward(String what, float[] actual, double[] ref) {
        for (int i = 0; i < ref.length; i++) {
            if (Math.abs(actual[i] - ref[i]) > 1e-5 + 1e-5 * Math.abs(ref[i])) {
                fail(what + "[" + i + "]: got " + actual[i] + ", reference " + ref[i]);
            }
        }
    }

    // ---- double reference implementations ----

    static double[] convRef(double[] x, double[] w, double[] b, int n, int c, int h, int wd, int o, int k, int s, int p) {
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (wd + 2 * p - k) / s + 1;
        double[] y = new double[n * o * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < o; f++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double acc = b[f];
                        for (int ch = 0; ch < c; ch++) {
                            for (int a = 0; a < k; a++) {
                                for (int bb = 0; bb < k; bb++) {
                                    int ih = r * s - p + a;
                                    int iw = q * s - p + bb;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        acc += w[((f * c + ch) * k + a) * k + bb] * x[((i * c + ch) * h + ih) * wd + iw];
                                    }
                                }
                            }
                        }
                        y[((i * o + f) * oh + r) * ow + q] = acc;
                    }
                }
            }
        }
        return y;
    }

    static double[] poolRef(double[] x, int planes, int h, int w, int k, int s, boolean max) {
        int oh = (h - k) / s + 1;
        int ow = (w - k) / s + 1;
        double[] y = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            double v = x[(pl * h + r * s + a) * w + q * s + b];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    y[(pl * oh + r) * ow + q] = max ? acc : acc / (k * k);
                }
            }
        }
        return y;
    }

    /** Training-mode batch norm over (n, c, spatial) with biased batch variance, eps 1e-5. */
    static double[] bnTrainRef(double[] x, double[] gamma, double[] beta, int n, int c, int sp) {
        double[] y = new double[x.length];
        int m = n * sp;
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < sp; j++) {
                    mean += x[(i * c + ch) * sp + j];
                }
            }
            mean /= m;
            double var = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < sp; j++) {
                    double d = x[(i * c + ch) * sp + j] - mean;
                    var += d * d;
                }
            }
            var /= m;
            double inv = 1 / Math.sqrt(var + 1e-5);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < sp; j++) {
                    int idx = (i * c + ch) * sp + j;
                    y[idx] = gamma[ch] * (x[idx] - mean) * inv + beta[ch];
                }
            }
        }
        return y;
    }

    static double[] linearRef(double[] x, double[] w, double[] b, int n, int in, int out) {
        double[] y = new double[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double acc = b[o];
                for (int j = 0; j < in; j++) {
                    acc += w[o * in + j] * x[i * in + j];
                }
                y[i * out + o] = acc;
            }
        }
        return y;
    }

    static double[] reluRef(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(x[i], 0);
        }
        return y;
    }

    // ---- checks ----

    @ParameterizedTest(name = "stride {0}, padding {1}")
    @CsvSource({"1, 0", "1, 1", "2, 0", "2, 1"})
    void conv2d(int stride, int padding) {
        SplittableRandom rng = new SplittableRandom(10 + stride * 3 + padding);
        int n = 2, c = 2, h = 5, w = 6, o = 3, k = 3;
        Conv2d conv = new Conv2d("conv", c, h, w, o, k, stride, padding);
        conv.resetParameters(rng);
        float[] x = random(rng, n * c * h * w, 1);
        float[] g = random(rng, n * conv.outputSize(), 1);
        float[] y = conv.forward(x, n);
        double[] xd = toDouble(x, x.length);
        double[] wd = toDouble(conv.weight().data(), conv.weight().size());
        double[] bd = toDouble(conv.bias().data(), o);
        DoubleSupplier loss = () -> dot(g, convRef(xd, wd, bd, n, c, h, w, o, k, stride, padding));
        assertForward("conv forward", y, convRef(xd, wd, bd, n, c, h, w, o, k, stride, padding));
        float[] dx = conv.backward(g, n, true);
        assertGrad("dx", dx, numericGrad(xd, loss));
        assertGrad("dW", conv.weight().grad(), numericGrad(wd, loss));
        assertGrad("db", conv.bias().grad(), numericGrad(bd, loss));
    }

    @ParameterizedTest(name = "kernel {0}, stride {1}")
    @CsvSource({"2, 2", "3, 2", "2, 1"})
    void maxAndAvgPool(int kernel, int stride) {
        SplittableRandom rng = new SplittableRandom(20 + kernel * 5 + stride);
        int n = 2, c = 2, h = 6, w = 5;
        for (boolean max : new boolean[] {true, false}) {
            Pool2d pool = max ? new MaxPool2d("pool", c, h, w, kernel, stride) : new AvgPool2d("pool", c, h, w, kernel, stride);
            float[] x = random(rng, n * c * h * w, 1);
            float[] g = random(rng, n * pool.outputSize(), 1);
            double[] xd = toDouble(x, x.length);
            assertForward(pool + " forward", pool.forward(x, n), poolRef(xd, n * c, h, w, kernel, stride, max));
            float[] dx = pool.backward(g, n, true);
            assertGrad(pool + " dx", dx, numericGrad(xd, () -> dot(g, poolRef(xd, n * c, h, w, kernel, stride, max))));
        }
    }

    @Test
    void tanh() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 3, d = 37; // not a multiple of the vector length: the scalar tail runs too
        Tanh t = new Tanh(d);
        float[] x = random(rng, n * d, 3);
        float[] g = random(rng, n * d, 1);
        double[] xd = toDouble(x, x.length);
        double[] ref = new double[xd.length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = Math.tanh(xd[i]);
        }
        assertForward("tanh", t.forward(x, n), ref);
        float[] dx = t.backward(g, n, true);
        assertGrad("tanh dx", dx, numericGrad(xd, () -> {
            double s = 0;
            for (int i = 0; i < xd.length; i++) {
                s += g[i] * Math.tanh(xd[i]);
            }
            return s;
        }));
    }

    @Test
    void batchNorm1dTraining() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 5, f = 11;
        checkBatchNorm(new BatchNorm1d("bn", f), n, f, 1, rng);
    }

    @Test
    void batchNorm2dTraining() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 3, c = 3, h = 4, w = 5; // 20 pixels per plane: vector loop and tail
        checkBatchNorm(new BatchNorm2d("bn", c, h, w), n, c, h * w, rng);
    }

    private static void checkBatchNorm(BatchNorm bn, int n, int c, int sp, SplittableRandom rng) {
        float[] gamma = random(rng, c, 1);
        float[] beta = random(rng, c, 1);
        System.arraycopy(gamma, 0, bn.weight().data(), 0, c);
        System.arraycopy(beta, 0, bn.bias().data(), 0, c);
        bn.setTraining(true, 0);
        float[] x = random(rng, n * c * sp, 2);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.5f; // a non-zero mean
        }
        float[] g = random(rng, x.length, 1);
        double[] xd = toDouble(x, x.length);
        double[] gd = toDouble(gamma, c);
        double[] bd = toDouble(beta, c);
        DoubleSupplier loss = () -> dot(g, bnTrainRef(xd, gd, bd, n, c, sp));
        assertForward(bn + " forward", bn.forward(x, n), bnTrainRef(xd, gd, bd, n, c, sp));
        float[] dx = bn.backward(g, n, true);
        assertGrad(bn + " dx", dx, numericGrad(xd, loss));
        assertGrad(bn + " dgamma", bn.weight().grad(), numericGrad(gd, loss));
        assertGrad(bn + " dbeta", bn.bias().grad(), numericGrad(bd, loss));
    }

    @Test
    void dropoutWithItsDrawnMask() {
        SplittableRandom rng = new SplittableRandom(6);
        int n = 4, d = 13;
        Dropout drop = new Dropout("dropout1", d, 0.4);
        drop.setTraining(true, 99);
        float[] x = random(rng, n * d, 1);
        float[] g = random(rng, n * d, 1);
        float[] y = drop.forward(x, n).clone();
        float[] mask = drop.lastMask().clone();
        double[] xd = toDouble(x, x.length);
        double[] ref = new double[xd.length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = xd[i] * mask[i];
        }
        assertForward("dropout", y, ref);
        float[] dx = drop.backward(g, n, true);
        assertGrad("dropout dx", dx, numericGrad(xd, () -> {
            double s = 0;
            for (int i = 0; i < xd.length; i++) {
                s += g[i] * xd[i] * mask[i];
            }
            return s;
        }));
    }

    /** conv(1->3, k3, p1) -> BN2d -> ReLU -> maxpool 2 -> conv(3->2, k2, s2) -> flatten -> linear(8 -> 3). */
    @Test
    void smallWholeCnn() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 3;
        Conv2d c1 = new Conv2d("conv1", 1, 8, 8, 3, 3, 1, 1);
        BatchNorm2d bn = new BatchNorm2d("bn1", 3, 8, 8);
        ReLU relu = new ReLU(3 * 64);
        MaxPool2d pool = new MaxPool2d("pool1", 3, 8, 8, 2, 2);
        Conv2d c2 = new Conv2d("conv2", 3, 4, 4, 2, 2, 2, 0);
        Flatten flat = new Flatten(2, 2, 2);
        Linear fc = new Linear("fc1", 8, 3);
        Network net = new Network(List.of(c1, bn, relu, pool, c2, flat, fc));
        c1.resetParameters(rng);
        c2.resetParameters(rng);
        fc.resetParameters(rng);
        float[] bnw = random(rng, 3, 1);
        System.arraycopy(bnw, 0, bn.weight().data(), 0, 3);
        net.setTraining(true, 1);
        float[] x = random(rng, n * 64, 1);
        float[] g = random(rng, n * 3, 1);

        List<Parameter> ps = net.parameters();
        double[][] pd = new double[ps.size()][];
        for (int i = 0; i < pd.length; i++) {
            pd[i] = toDouble(ps.get(i).data(), ps.get(i).size());
        }
        double[] xd = toDouble(x, x.length);
        DoubleSupplier loss = () -> {
            double[] a = convRef(xd, pd[0], pd[1], n, 1, 8, 8, 3, 3, 1, 1);
            a = bnTrainRef(a, pd[2], pd[3], n, 3, 64);
            a = reluRef(a);
            a = poolRef(a, n * 3, 8, 8, 2, 2, true);
            a = convRef(a, pd[4], pd[5], n, 3, 4, 4, 2, 2, 2, 0);
            a = linearRef(a, pd[6], pd[7], n, 8, 3);
            return dot(g, a);
        };
        float[] logits = net.forward(x, n);
        double analyticLoss = 0;
        for (int i = 0; i < n * 3; i++) {
            analyticLoss += g[i] * logits[i];
        }
        double refLoss = loss.getAsDouble();
        if (Math.abs(analyticLoss - refLoss) > 1e-5 + 1e-5 * Math.abs(refLoss)) {
            fail("whole-CNN forward: float loss " + analyticLoss + " vs double " + refLoss);
        }
        net.backward(g, n);
        for (int i = 0; i < ps.size(); i++) {
            assertGrad("grad " + ps.get(i).name(), ps.get(i).grad(), numericGrad(pd[i], loss));
        }
    }
}
