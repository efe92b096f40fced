package dev.ablate.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GradientClippingTest {

    private static Parameter withGrad(String name, boolean prunable, float... grad) {
        Parameter p = new Parameter(name, new int[] {grad.length}, prunable);
        System.arraycopy(grad, 0, p.grad(), 0, grad.length);
        return p;
    }

    @Test
    void scalesEveryGradientByTheSameFactorWhenTheGlobalNormIsTooLarge() {
        // global norm over both tensors: sqrt(3^2 + 4^2 + 12^2) = 13
        Parameter a = withGrad("fc1.weight", true, 3f, 4f);
        Parameter b = withGrad("fc1.bias", false, 12f);
        double norm = GradientClipping.clipGradNorm(List.of(a, b), 6.5);
        assertEquals(13.0, norm);
        float coef = (float) (6.5 / (13.0 + 1e-6));
        assertArrayEquals(new float[] {3f * coef, 4f * coef}, a.grad());
        assertArrayEquals(new float[] {12f * coef}, b.grad());
        assertEquals(1.5, a.grad()[0], 1e-6);
        assertEquals(6.0, b.grad()[0], 1e-6);
    }

    @Test
    void leavesGradientsBelowTheThresholdUntouched() {
        float[] g = {0.1f, -0.2f, 0.3f, 1e-20f, -0.0f};
        Parameter a = withGrad("fc1.weight", true, g);
        double norm = GradientClipping.clipGradNorm(List.of(a), 1.0);
        double sum = 0;
        for (float v : g) {
            sum += (double) v * v; // the squares of the float32 values, in double
        }
        assertEquals(Math.sqrt(sum), norm);
        for (int i = 0; i < g.length; i++) {
            assertEquals(Float.floatToRawIntBits(g[i]), Float.floatToRawIntBits(a.grad()[i]), "element " + i);
        }
    }

    @Test
    void longGradientsGoThroughTheVectorLoop() {
        float[] g = new float[103];
        for (int i = 0; i < g.length; i++) {
            g[i] = (i % 7) - 3f;
        }
        Parameter a = withGrad("fc1.weight", true, g);
        double norm = GradientClipping.clipGradNorm(List.of(a), 2.0);
        float coef = (float) (2.0 / (norm + 1e-6));
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i] * coef, a.grad()[i], "element " + i);
        }
    }

    @Test
    void maskedGradientsDoNotCount() {
        Parameter a = withGrad("fc1.weight", true, 3f, 100f, 4f);
        a.setMask(new float[] {1, 0, 1});
        assertEquals(5.0, GradientClipping.clipGradNorm(List.of(a), 10.0));
        assertArrayEquals(new float[] {3f, 0f, 4f}, a.grad());
    }

    @Test
    void rejectsANonPositiveMaximum() {
        Parameter a = withGrad("fc1.weight", true, 1f);
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradNorm(List.of(a), 0));
    }
}
