package dev.ablate.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each vector kernel against its scalar reference loop (kept only here), at lengths around the vector width
 * so both the vector loop and the scalar tail run. Element-wise kernels must match exactly; reductions within
 * 1e-5 relative.
 */
class VectorKernelsTest {

    private static final int[] LENGTHS = {1, 3, VectorKernels.SPECIES.length(), VectorKernels.SPECIES.length() + 1, 67, 256};

    @Test
    void elementwiseKernelsMatchScalarLoops() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int len : LENGTHS) {
            float[] x = CnnGradientCheckTest.random(rng, len, 3);
            float[] g = CnnGradientCheckTest.random(rng, len, 1);
            float[] y = new float[len];
            VectorKernels.relu(x, y, len);
            for (int i = 0; i < len; i++) {
                assertEquals(x[i] > 0 ? x[i] : 0f, y[i], 0f);
            }
            VectorKernels.reluBackward(x, g, y, len);
            for (int i = 0; i < len; i++) {
                assertEquals(x[i] > 0 ? g[i] : 0f, y[i], 0f);
            }
            VectorKernels.tanh(x, y, len);
            for (int i = 0; i < len; i++) {
                assertEquals((float) Math.tanh(x[i]), y[i], 0f);
            }
            VectorKernels.tanhBackward(x, g, y, len);
            for (int i = 0; i < len; i++) {
                assertEquals(g[i] * (1f - x[i] * x[i]), y[i], 1e-6 * (1 + Math.abs(y[i])));
            }
            float[] acc = x.clone();
            VectorKernels.addInto(g, 0, acc, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals(x[i] + g[i], acc[i], 0f);
            }
            VectorKernels.normalize(x, y, 0, len, 0.3f, 1.7f);
            for (int i = 0; i < len; i++) {
                assertEquals((x[i] - 0.3f) * 1.7f, y[i], 0f);
            }
            VectorKernels.affine(x, y, 0, len, 1.7f, 0.3f);
            for (int i = 0; i < len; i++) {
                assertEquals(Math.fma(x[i], 1.7f, 0.3f), y[i], 0f);
            }
            VectorKernels.combine(x, g, y, 0, len, 0.5f, -0.25f, 0.125f);
            for (int i = 0; i < len; i++) {
                assertEquals(x[i] * 0.5f + 0.125f + g[i] * -0.25f, y[i], 1e-6);
            }
        }
    }

    @Test
    void reductionsMatchDoubleSums() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int len : LENGTHS) {
            float[] x = CnnGradientCheckTest.random(rng, len + 5, 2);
            float[] g = CnnGradientCheckTest.random(rng, len + 5, 2);
            double s = 0, dev = 0, dot = 0;
            for (int i = 0; i < len; i++) {
                s += x[i + 5];
                dev += (x[i + 5] - 0.1) * (x[i + 5] - 0.1);
                dot += (double) x[i + 5] * g[i + 2];
            }
            assertEquals(s, VectorKernels.sum(x, 5, len), 1e-5 * (1 + Math.abs(s)));
            assertEquals(dev, VectorKernels.sumSquaredDeviation(x, 5, len, 0.1f), 1e-5 * (1 + dev));
            assertEquals(dot, VectorKernels.dot(x, 5, g, 2, len), 1e-5 * (1 + Math.abs(dot)));
        }
    }
}
