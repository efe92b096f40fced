package dev.ablate.compress.quant.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatFormatTest {

    static Stream<FloatFormat> narrow() {
        return Stream.of(FloatFormat.FP8_E4M3, FloatFormat.FP8_E5M2, FloatFormat.FP4_E2M1);
    }

    static Stream<FloatFormat> all() {
        return Stream.of(FloatFormat.FP16, FloatFormat.BF16, FloatFormat.FP8_E4M3, FloatFormat.FP8_E5M2,
                FloatFormat.FP4_E2M1);
    }

    @Test
    void widthsAndLimitsMatchTheSpecs() {
        assertEquals(65504f, FloatFormat.FP16.maxFinite());
        assertEquals(0x1.fep127f, FloatFormat.BF16.maxFinite());
        assertEquals(448f, FloatFormat.FP8_E4M3.maxFinite());
        assertEquals(57344f, FloatFormat.FP8_E5M2.maxFinite());
        assertEquals(6f, FloatFormat.FP4_E2M1.maxFinite());
        assertEquals(8, FloatFormat.FP8_E4M3.maxExponent());
        assertEquals(2, FloatFormat.FP4_E2M1.maxExponent());
        assertEquals(4, FloatFormat.FP4_E2M1.width());
    }

    @Test
    void fp4HasTheOcpValuesAndSaturates() {
        float[] positive = new float[8];
        for (int code = 0; code < 8; code++) {
            positive[code] = FloatFormat.FP4_E2M1.decode(code);
            assertEquals(-positive[code], FloatFormat.FP4_E2M1.decode(code | 8));
        }
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 2, 3, 4, 6}, positive);
        assertEquals(6f, FloatFormat.FP4_E2M1.round(1e9f));
        assertEquals(-6f, FloatFormat.FP4_E2M1.round(Float.NEGATIVE_INFINITY));
        assertEquals(4f, FloatFormat.FP4_E2M1.round(5f), "tie 5 between 4 and 6 goes to the even code 4");
        assertEquals(0f, FloatFormat.FP4_E2M1.round(0.25f), "tie 0.25 goes to 0");
        assertTrue(Float.isNaN(FloatFormat.FP4_E2M1.round(Float.NaN)));
        assertThrows(IllegalArgumentException.class, () -> FloatFormat.FP4_E2M1.encode(Float.NaN));
        assertTrue(FloatFormat.FP4_E2M1.overflows(7.5f));
        assertTrue(!FloatFormat.FP4_E2M1.overflows(6.5f), "6.5 rounds to 6 without saturating");
    }

    @ParameterizedTest
    @MethodSource("narrow")
    void everyCodeDecodesAndEncodesBack(FloatFormat f) {
        for (int code = 0; code < 1 << f.width(); code++) {
            float v = f.decode(code);
            if (Float.isNaN(v)) {
                continue;
            }
            assertEquals(code, f.encode(v), f + " code " + code + " = " + v);
            assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(f.round(v)), "representable is fixed");
        }
        assertThrows(IllegalArgumentException.class, () -> f.decode(1 << f.width()));
    }

    @ParameterizedTest
    @MethodSource("all")
    void negativeZeroAndNanSurvive(FloatFormat f) {
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f.round(-0f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f.round(-0f, new SplittableRandom(1))));
        assertTrue(Float.isNaN(f.round(Float.NaN)));
        assertTrue(Float.isNaN(f.round(Float.NaN, new SplittableRandom(1))));
    }

    @ParameterizedTest
    @MethodSource("all")
    void stochasticRoundingIsUnbiasedBetweenNeighbours(FloatFormat f) {
        // a value a third of the way between 1 and the next representable value
        float step = f.decode(f.encode(1f) + 1) - 1f;
        float x = 1f + step / 3;
        SplittableRandom rng = new SplittableRandom(42);
        int n = 20_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float r = f.round(x, rng);
            assertTrue(r == 1f || r == 1f + step, f + ": " + r + " is a neighbour of " + x);
            sum += r;
        }
        // Bernoulli(1/3) times step: standard error step * sqrt(2/9 / n)
        double standardError = step * Math.sqrt(2.0 / 9 / n);
        assertEquals(x, sum / n, 4 * standardError, f.toString());
    }

    @ParameterizedTest
    @MethodSource("all")
    void stochasticRoundingIsReproducibleAndKeepsExactValues(FloatFormat f) {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        SplittableRandom values = new SplittableRandom(3);
        SplittableRandom other = new SplittableRandom(11);
        for (int i = 0; i < 1000; i++) {
            float x = (float) (values.nextGaussian() * 3);
            float r = f.round(x, a);
            assertEquals(r, f.round(x, b));
            assertEquals(r, f.round(r, other), "an exact value stays");
        }
    }
}
