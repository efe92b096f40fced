package dev.ablate.compress.quant.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.TestTensors;
import dev.ablate.spec.Granularity;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The OCP MX v1.0 FP6 element formats (§5.3.2, table of FP6 E2M3/E3M2 limits): their ranges and rounding, and as
 * scaled weight formats between fp8 and fp4.
 */
class Fp6FormatTest {

    @Test
    void e3m2HasTheMxSpecsLimits() {
        FloatFormat f = FloatFormat.FP6_E3M2;
        assertEquals(6, f.width());
        assertEquals(28f, f.maxFinite());
        assertEquals(0.25f, f.round(0.25f));               // min normal 2^-2
        assertEquals(0.0625f, f.round(0.0625f));           // min subnormal 2^-2 · 0.25
        assertEquals(0.1875f, f.round(0.1875f));           // max subnormal
        assertEquals(0f, f.round(0.03125f));               // half the min subnormal: a tie, to even (zero)
        assertEquals(6f, f.round(5.5f));                   // tie between 5 (mantissa 01) and 6 (10): even
        assertEquals(28f, f.round(30f));                   // no Inf code: saturates
        assertEquals(-28f, f.round(Float.NEGATIVE_INFINITY));
    }

    @Test
    void e2m3HasTheMxSpecsLimits() {
        FloatFormat f = FloatFormat.FP6_E2M3;
        assertEquals(6, f.width());
        assertEquals(7.5f, f.maxFinite());
        assertEquals(1f, f.round(1f));                     // min normal 2^0
        assertEquals(0.125f, f.round(0.125f));             // min subnormal 2^0 · 1/8
        assertEquals(0.875f, f.round(0.875f));             // max subnormal
        assertEquals(1f, f.round(1.0625f));                // tie between 1 (000) and 1.125 (001): even
        assertEquals(1.125f, f.round(1.07f));
        assertEquals(7.5f, f.round(100f));
    }

    @Test
    void asWeightsTheyAreScaledAndLieBetweenFp8AndFp4() {
        float[] w = TestTensors.gaussian(5, 64 * 100, 0.05);
        int[] shape = {64, 100};
        double fp8 = error(TensorFormats.FP8_E4M3, w, shape);
        double e2m3 = error(TensorFormats.FP6_E2M3, w, shape);
        double e3m2 = error(TensorFormats.FP6_E3M2, w, shape);
        double fp4 = error(TensorFormats.FP4_E2M1, w, shape);
        assertTrue(fp8 < e3m2 && e3m2 < fp4, fp8 + " < " + e3m2 + " < " + fp4);
        assertTrue(fp8 < e2m3 && e2m3 < fp4, fp8 + " < " + e2m3 + " < " + fp4);
        // three mantissa bits resolve a bell-shaped tensor better than a wider exponent does once it is scaled
        assertTrue(e2m3 < e3m2, e2m3 + " < " + e3m2);
        TensorFormat scaled = TensorFormats.create(spec(TensorFormats.FP6_E2M3, Granularity.PER_CHANNEL), null);
        assertInstanceOf(ScaledFloatFormat.class, scaled);
        assertInstanceOf(FloatTensorFormat.class, TensorFormats.create(spec(TensorFormats.FP6_E2M3, Granularity.NONE),
                null));
        assertEquals(6, TensorFormats.FP6_E3M2.elementBits(8));
    }

    private static double error(WeightFormat format, float[] w, int[] shape) {
        float[] q = new float[w.length];
        TensorFormats.create(spec(format, Granularity.PER_CHANNEL), null).quantize(w, shape, q, null,
                new SplittableRandom(1));
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += (w[i] - q[i]) * (double) (w[i] - q[i]);
        }
        return sum / w.length;
    }

    private static FormatSpec spec(WeightFormat format, Granularity granularity) {
        return new FormatSpec(format.specName(), format.width(), true, granularity, 0, Rounding.NEAREST_EVEN, false);
    }
}
