package dev.ablate.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Initialiser bounds against PyTorch's formulas (exact) and empirical checks on a large tensor: all values
 * inside the bound, the largest |value| close to it, and the standard deviation within 2% of the target
 * (n = 256*64*3*3 = 147,456 draws: the sample sd has a relative error of about 0.2-0.3%).
 */
class InitTest {

    private static final int[] CONV = {256, 64, 3, 3}; // fan_in 576, fan_out 2304

    private static double[] stats(float[] a) {
        double s = 0;
        double ss = 0;
        double max = 0;
        for (float v : a) {
            s += v;
            ss += (double) v * v;
            max = Math.max(max, Math.abs(v));
        }
        double mean = s / a.length;
        return new double[] {mean, Math.sqrt(ss / a.length - mean * mean), max};
    }

    @Test
    void fansAndGainsAreTorchs() {
        assertEquals(576, Init.fanIn(CONV));
        assertEquals(2304, Init.fanOut(CONV));
        assertEquals(20, Init.fanIn(new int[] {7, 20}));
        assertThrows(IllegalArgumentException.class, () -> Init.fanIn(new int[] {5}));
        assertEquals(Math.sqrt(2), Init.gain(Init.Nonlinearity.RELU, 0), 0);
        assertEquals(5.0 / 3, Init.gain(Init.Nonlinearity.TANH, 0), 0);
        assertEquals(1, Init.gain(Init.Nonlinearity.LINEAR, 0), 0);
        assertEquals(Math.sqrt(2 / (1 + 0.01)), Init.gain(Init.Nonlinearity.LEAKY_RELU, 0.1), 0);
    }

    @Test
    void exactBounds() {
        // kaiming_uniform_(a=0, fan_in, relu): sqrt(6 / fan_in)
        assertEquals(Math.sqrt(6.0 / 576), Init.kaimingUniformBound(CONV, 0, Init.Mode.FAN_IN, Init.Nonlinearity.RELU), 1e-15);
        // fan_out
        assertEquals(Math.sqrt(6.0 / 2304), Init.kaimingUniformBound(CONV, 0, Init.Mode.FAN_OUT, Init.Nonlinearity.RELU), 1e-15);
        // a = sqrt(5) leaky_relu (PyTorch's default layer init): 1/sqrt(fan_in)
        assertEquals(1 / Math.sqrt(576),
                Init.kaimingUniformBound(CONV, Math.sqrt(5), Init.Mode.FAN_IN, Init.Nonlinearity.LEAKY_RELU), 1e-15);
        assertEquals(5.0 / 3 / Math.sqrt(576), Init.kaimingStd(CONV, 0, Init.Mode.FAN_IN, Init.Nonlinearity.TANH), 1e-15);
        assertEquals(Math.sqrt(6.0 / (576 + 2304)), Init.xavierUniformBound(CONV, 1), 1e-15);
        assertEquals(2 * Math.sqrt(2.0 / (576 + 2304)), Init.xavierStd(CONV, 2), 1e-15);
    }

    private static void checkUniform(Parameter p, double bound) {
        double[] s = stats(p.data());
        assertTrue(s[2] <= bound, "max |w| " + s[2] + " > bound " + bound);
        assertTrue(s[2] > 0.999 * bound, "max |w| " + s[2] + " far below bound " + bound);
        assertEquals(bound / Math.sqrt(3), s[1], 0.02 * bound / Math.sqrt(3), "std");
        assertEquals(0, s[0], 0.02 * bound, "mean");
    }

    private static void checkNormal(Parameter p, double std) {
        double[] s = stats(p.data());
        assertEquals(std, s[1], 0.02 * std, "std");
        assertEquals(0, s[0], 0.02 * std, "mean");
        assertTrue(s[2] > 3.5 * std && s[2] < 7 * std, "tails: max |w| = " + s[2] / std + " std");
    }

    @Test
    void empiricalDistributions() {
        SplittableRandom rng = new SplittableRandom(1);
        Parameter p = new Parameter("conv.weight", CONV, true);
        Init.kaimingUniform(p, 0, Init.Mode.FAN_IN, Init.Nonlinearity.RELU, rng);
        checkUniform(p, Math.sqrt(6.0 / 576));
        Init.kaimingUniform(p, 0, Init.Mode.FAN_OUT, Init.Nonlinearity.LINEAR, rng);
        checkUniform(p, Math.sqrt(3.0 / 2304));
        Init.kaimingNormal(p, 0, Init.Mode.FAN_IN, Init.Nonlinearity.RELU, rng);
        checkNormal(p, Math.sqrt(2.0 / 576));
        Init.kaimingNormal(p, 0.2, Init.Mode.FAN_OUT, Init.Nonlinearity.LEAKY_RELU, rng);
        checkNormal(p, Math.sqrt(2 / 1.04) / Math.sqrt(2304));
        Init.xavierUniform(p, 5.0 / 3, rng);
        checkUniform(p, 5.0 / 3 * Math.sqrt(6.0 / 2880));
        Init.xavierNormal(p, 1, rng);
        checkNormal(p, Math.sqrt(2.0 / 2880));
    }

    @Test
    void layerDefaultsAreTorchsAndDeterministic() {
        Conv2d conv = new Conv2d("conv1", 64, 8, 8, 256, 3, 1, 1);
        conv.resetParameters(new SplittableRandom(5));
        checkUniform(conv.weight(), 1 / Math.sqrt(576));
        double[] b = stats(conv.bias().data());
        assertTrue(b[2] <= 1 / Math.sqrt(576));
        Conv2d again = new Conv2d("conv1", 64, 8, 8, 256, 3, 1, 1);
        again.resetParameters(new SplittableRandom(5));
        assertArrayEquals(conv.weight().data(), again.weight().data());
        assertArrayEquals(conv.bias().data(), again.bias().data());
        Linear fc = new Linear("fc1", 400, 300);
        fc.resetParameters(new SplittableRandom(2));
        checkUniform(fc.weight(), 1 / Math.sqrt(400));
    }

    @Test
    void masksSurviveReinitialisation() {
        Parameter p = new Parameter("fc.weight", new int[] {4, 4}, true);
        float[] mask = new float[16];
        mask[3] = 1;
        p.setMask(mask);
        Init.xavierNormal(p, 1, new SplittableRandom(3));
        for (int i = 0; i < 16; i++) {
            assertTrue(i == 3 ? p.data()[i] != 0 : p.data()[i] == 0, "element " + i);
        }
    }
}
