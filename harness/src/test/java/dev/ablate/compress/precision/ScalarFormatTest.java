package dev.ablate.compress.precision;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.format.FixedPointFormat;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.nn.ReferenceVectors;
import dev.ablate.spec.PrecisionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalarFormatTest {

    static Stream<Arguments> floatFormats() {
        return Stream.of(Arguments.of("fp16", FloatFormat.FP16), Arguments.of("bf16", FloatFormat.BF16),
                Arguments.of("fp8-e4m3", FloatFormat.FP8_E4M3), Arguments.of("fp8-e5m2", FloatFormat.FP8_E5M2));
    }

    /** The inputs of {@code float_formats.json} and a spread of random magnitudes from 2^-30 to 2^20. */
    private static List<Float> inputs() {
        List<Float> xs = new ArrayList<>();
        ReferenceVectors.cases("float_formats.json").forEach(c -> c.get("input_bits")
                .forEach(b -> xs.add(Float.intBitsToFloat((int) b.asLong()))));
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            xs.add((float) ((rng.nextBoolean() ? 1 : -1) * Math.scalb(1 + rng.nextDouble(), rng.nextInt(-30, 20))));
        }
        return xs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floatFormats")
    void floatCastsAreFloatFormatsRoundingBitForBit(String name, FloatFormat format) {
        ScalarFormat cast = ScalarFormat.parse(name);
        assertEquals(name, cast.name());
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (float x : inputs()) {
            assertEquals(Float.floatToIntBits(format.round(x)),
                    Float.floatToIntBits(cast.round(x, Rounding.NEAREST_EVEN, null)), name + "(" + x + ")");
            assertEquals(Float.floatToIntBits(format.round(x, a)),
                    Float.floatToIntBits(cast.round(x, Rounding.STOCHASTIC, b)), name + " stochastic(" + x + ")");
            assertEquals(!Float.isFinite(x) || format.overflows(x), cast.overflows(x), name + " overflows(" + x + ")");
        }
    }

    @Test
    void fixedCastsAreFixedPointFormatsRounding() {
        ScalarFormat cast = ScalarFormat.parse("fixed<12,6>");
        FixedPointFormat format = new FixedPointFormat(12, 6);
        assertEquals("fixed<12,6>", cast.name());
        SplittableRandom a = new SplittableRandom(4);
        SplittableRandom b = new SplittableRandom(4);
        for (float x : inputs()) {
            assertEquals(format.round(x), cast.round(x, Rounding.NEAREST_EVEN, null), "fixed(" + x + ")");
            assertEquals(format.round(x, a), cast.round(x, Rounding.STOCHASTIC, b), "fixed stochastic(" + x + ")");
            assertEquals(!Float.isFinite(x) || format.overflows(x), cast.overflows(x), "overflows(" + x + ")");
        }
    }

    @Test
    void fp32IsTheIdentityAndOverflowsOnlyWhenNotFinite() {
        ScalarFormat fp32 = ScalarFormat.parse("fp32");
        assertSame(ScalarFormat.FP32, fp32);
        assertTrue(fp32.identity());
        float[] xs = {0.1f, -3e38f, Float.MIN_VALUE, Float.NaN};
        float[] copy = xs.clone();
        fp32.round(xs, 0, xs.length, Rounding.STOCHASTIC, new SplittableRandom(1));
        assertEquals(List.of(copy[0], copy[1], copy[2], copy[3]), List.of(xs[0], xs[1], xs[2], xs[3]));
        assertFalse(fp32.overflows(3e38f));
        assertTrue(fp32.overflows(Float.POSITIVE_INFINITY));
        assertTrue(fp32.overflows(Float.NaN));
    }

    @Test
    void arrayRoundingCastsOnlyTheRange() {
        float[] xs = {0.1f, 0.1f, 0.1f, 0.1f};
        ScalarFormat.parse("fp8-e4m3").round(xs, 1, 3, Rounding.NEAREST_EVEN, null);
        assertEquals(0.1f, xs[0]);
        assertEquals(FloatFormat.FP8_E4M3.round(0.1f), xs[1]);
        assertEquals(FloatFormat.FP8_E4M3.round(0.1f), xs[2]);
        assertEquals(0.1f, xs[3]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fp64      | unknown precision format 'fp64' (valid: fp32, fp16, bf16, fp8-e4m3, fp8-e5m2, fixed<word,frac>)",
            "fp4-e2m1  | unknown precision format 'fp4-e2m1'",
            "fixed<8,8> | fixed<8,8>: frac must be at least 0 and below word (8), got 8",
            "fixed(8,4) | 'fixed(8,4)' is not a fixed-point format: expected fixed<word,frac>"})
    void unknownSpellingsAreRejected(String spelling, String message) {
        String got = assertThrows(IllegalArgumentException.class, () -> ScalarFormat.parse(spelling)).getMessage();
        assertTrue(got.startsWith(message), got);
    }

    @Test
    void planResolvesTheConfigAndNamesTheBadField() {
        PrecisionPlan plan = PrecisionPlan.of(new PrecisionConfig("fixed<16,8>", "bf16", "fp8-e5m2", "stochastic", true,
                "dynamic", 1024, 2000));
        assertEquals(new PrecisionPlan(new ScalarFormat.Rounded(new FixedPointFormat(16, 8)),
                new ScalarFormat.Rounded(FloatFormat.BF16), new ScalarFormat.Rounded(FloatFormat.FP8_E5M2),
                Rounding.STOCHASTIC, true, LossScaling.DYNAMIC, 1024f, 2000), plan);
        assertEquals(Rounding.NEAREST_EVEN, PrecisionPlan.of(config("fp16", "nearest-even", "none", 1)).rounding());
        assertEquals("train.precision.weights: unknown precision format 'fp12' (valid: fp32, fp16, bf16, fp8-e4m3,"
                + " fp8-e5m2, fixed<word,frac>)", message(config("fp12", "nearest-even", "none", 1)));
        assertEquals("train.precision.rounding: unknown rounding 'nearest' (valid: nearest-even, stochastic)",
                message(config("fp16", "nearest", "none", 1)));
        assertEquals("train.precision.loss_scaling: unknown loss scaling 'auto' (valid: none, static, dynamic)",
                message(config("fp16", "nearest-even", "auto", 1)));
        assertEquals("train.precision.loss_scale: 1.0E300 is outside float32's range",
                message(config("fp16", "nearest-even", "static", 1e300)));
    }

    private static PrecisionConfig config(String weights, String rounding, String lossScaling, double scale) {
        return new PrecisionConfig(weights, "fp32", "fp32", rounding, false, lossScaling, scale, 10);
    }

    private static String message(PrecisionConfig cfg) {
        return assertThrows(IllegalArgumentException.class, () -> PrecisionPlan.of(cfg)).getMessage();
    }
}
