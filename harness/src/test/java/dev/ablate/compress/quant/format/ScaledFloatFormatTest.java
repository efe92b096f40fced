package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.TestTensors;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.spec.Granularity;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaled fp8/fp4 ({@link ScaledFloatFormat}, {@link FloatScaling}) against hand-computed values. Tensors are chosen
 * so that {@code scale = maxFinite / amax} is exact in float32 (a power of two, or 10 for 6 / 0.6f), so every
 * expected output below is worked out exactly in the comments: y = x * scale, rounded on the element grid (ties
 * to even), divided by the scale again. {@code assertArrayEquals} on floats compares bit patterns, so -0 and +0
 * are told apart.
 */
class ScaledFloatFormatTest {

    private static final FloatFormat E2M1 = FloatFormat.FP4_E2M1;
    private static final FloatFormat E4M3 = FloatFormat.FP8_E4M3;
    private static final FloatFormat E5M2 = FloatFormat.FP8_E5M2;

    private static ScaledFloatFormat scaled(FloatFormat f, Granularity g, int group, String method) {
        return new ScaledFloatFormat(f, g, group, Rounding.NEAREST_EVEN, false, CalibrationSpec.of(method));
    }

    private static ScaledFloatFormat perTensor(FloatFormat f) {
        return scaled(f, Granularity.PER_TENSOR, 0, "minmax");
    }

    private static FormatSpec spec(String name, int bits, Granularity g, int group) {
        return new FormatSpec(name, bits, true, g, group, Rounding.NEAREST_EVEN, false);
    }

    // ---------------------------------------------------------------- element grids after scaling

    @Test
    void e2m1PerTensorWithAmaxThreeQuartersHasScaleEight() {
        // scale = 6 / 0.75 = 8 (exact); the grid {0, .5, 1, 1.5, 2, 3, 4, 6} / 8 = multiples of 1/16 up to 3/4
        float[] x = {
            0.75f,      // y = 6                               -> 6   -> 0.75
            -0.75f,     // y = -6                              -> -6  -> -0.75
            0.05f,      // y = 0.4 (8 * fl32(0.05))             -> 0.5 -> 0.0625
            0.03125f,   // y = 0.25, tie between 0 and 0.5     -> 0 (even)   -> 0
            -0.03125f,  // y = -0.25, same tie                 -> -0         -> -0
            0.09375f,   // y = 0.75, tie between 0.5 and 1     -> 1 (even)   -> 0.125
            0.15625f,   // y = 1.25, tie between 1 and 1.5     -> 1 (even)   -> 0.125
            0.21875f,   // y = 1.75, tie between 1.5 and 2     -> 2 (even)   -> 0.25
            0.3125f,    // y = 2.5, tie between 2 and 3        -> 2 (even)   -> 0.25
            0.4375f,    // y = 3.5, tie between 3 and 4        -> 4 (even)   -> 0.5
            0.625f,     // y = 5, tie between 4 and 6          -> 4 (even)   -> 0.5
            0.7f,       // y = 5.6000004, nearer 6 than 4      -> 6          -> 0.75
            -0.21875f,  // y = -1.75                           -> -2         -> -0.25
            -0f,        // -0 stays -0
            0f,
        };
        float[] expected = {0.75f, -0.75f, 0.0625f, 0f, -0f, 0.125f, 0.125f, 0.25f, 0.25f, 0.5f, 0.5f, 0.75f, -0.25f,
            -0f, 0f};
        float[] out = new float[x.length];
        QuantizationReport r = perTensor(E2M1).quantize(x, new int[] {x.length}, out, null, null);
        assertArrayEquals(expected, out);
        assertEquals(0, r.clipped());
        assertEquals(0.125f, r.scaleMin(), "step = 1 / scale = 1/8");
        assertEquals(0.125f, r.scaleMax());
        assertEquals(4, r.elementBits());
        assertEquals(32, r.overheadBits(), "one float32 scale");
    }

    @Test
    void e4m3PerTensorWithAmaxThreePointFiveHasScale128IncludingSubnormals() {
        // scale = 448 / 3.5 = 128 = 2^7 (exact). E4M3: emin = -6, 3 mantissa bits, so the subnormal quantum is
        // 2^-9 (below 2^-6) and the quantum in [256, 448] is 32. In x units the subnormal step is 2^-9 / 2^7 = 2^-16.
        float[] x = {
            3.5f,          // y = 448                                  -> 3.5
            3.3f,          // y = 422.4 = 13.2 quanta of 32 -> 416      -> 3.25
            2.125f,        // y = 272 = 8.5 quanta, tie -> 256 (even)  -> 2.0
            2.375f,        // y = 304 = 9.5 quanta, tie -> 320 (even)  -> 2.5
            -2.375f,       //                                          -> -2.5
            1f,            // y = 128, on the grid                     -> 1.0
            0.01f,         // y = 1.28 = 10.24 quanta of 1/8 -> 1.25   -> 1.25 / 128 = 0.009765625
            0x1p-13f,      // y = 2^-6, the smallest normal            -> 2^-13
            0x1p-16f,      // y = 2^-9, the smallest subnormal         -> 2^-16
            0x1.8p-15f,    // y = 3 * 2^-9, a subnormal                -> 3 * 2^-16
            0x1p-17f,      // y = 2^-10 = half a subnormal step, tie   -> 0
            0x1.8p-16f,    // y = 1.5 subnormal steps, tie -> 2 steps  -> 2^-15
            0x1.4p-15f,    // y = 2.5 subnormal steps, tie -> 2 steps  -> 2^-15
            -0x1.cp-15f,   // y = -3.5 subnormal steps, tie -> -4      -> -2^-14
            -0f,
        };
        float[] expected = {3.5f, 3.25f, 2f, 2.5f, -2.5f, 1f, 0.009765625f, 0x1p-13f, 0x1p-16f, 0x1.8p-15f, 0f,
            0x1p-15f, 0x1p-15f, -0x1p-14f, -0f};
        float[] out = new float[x.length];
        QuantizationReport r = perTensor(E4M3).quantize(x, new int[] {x.length}, out, null, null);
        assertArrayEquals(expected, out);
        assertEquals(0, r.clipped());
        assertEquals(0x1p-7f, r.scaleMin(), "step 1/128");
        assertEquals(8, r.elementBits());
    }

    @Test
    void e5m2PerTensorWithAmaxThreePointFiveHasScale16384IncludingSubnormals() {
        // scale = 57344 / 3.5 = 16384 = 2^14 (exact). E5M2: emin = -14, 2 mantissa bits: subnormal quantum 2^-16,
        // i.e. 2^-30 in x units; in [1, 2) the quantum is 1/4, in [2^15, 2^16) it is 2^13.
        float[] x = {
            3.5f,          // y = 57344                                     -> 3.5
            3f,            // y = 49152 = 1.5 * 2^15, on the grid           -> 3.0
            2.75f,         // y = 45056 = 5.5 quanta of 2^13, tie -> 6      -> 3.0
            0.1f,          // y = 1638.4 = 6.4 quanta of 256 -> 1536        -> 0.09375
            0x1.2p-14f,    // y = 1.125 = 4.5 quanta of 1/4, tie -> 4       -> 2^-14
            0x1.6p-14f,    // y = 1.375 = 5.5 quanta, tie -> 6 (1.5)         -> 1.5 * 2^-14
            -1f,           //                                               -> -1.0
            0x1p-30f,      // y = 2^-16, the smallest subnormal             -> 2^-30
            0x1p-31f,      // y = half a subnormal step, tie                -> 0
            0x1.8p-30f,    // y = 1.5 steps, tie -> 2 steps                 -> 2^-29
            -0x1.8p-29f,   // y = -3 steps, a subnormal                     -> -3 * 2^-30
            -0f,
        };
        float[] expected = {3.5f, 3f, 3f, 0.09375f, 0x1p-14f, 0x1.8p-14f, -1f, 0x1p-30f, 0f, 0x1p-29f, -0x1.8p-29f,
            -0f};
        float[] out = new float[x.length];
        QuantizationReport r = perTensor(E5M2).quantize(x, new int[] {x.length}, out, null, null);
        assertArrayEquals(expected, out);
        assertEquals(0, r.clipped());
        assertEquals(0x1p-14f, r.scaleMin());
    }

    @Test
    void scaleIsMaxFiniteOverAmaxInFloat32WithAFloorOnAmax() {
        assertEquals(8f, FloatScaling.scale(E2M1, 0.75f, false));
        assertEquals(128f, FloatScaling.scale(E4M3, 3.5f, false));
        assertEquals(16384f, FloatScaling.scale(E5M2, 3.5f, false));
        // 6 / 0.6f = 6 / 0.60000002384... = 9.9999996..., within half an ulp (2^-21) of 10
        assertEquals(10f, FloatScaling.scale(E2M1, 0.6f, false));
        assertEquals(8f, FloatScaling.scale(E2M1, 0.6f, true), "2^floor(log2 10) = 8");
        assertEquals(8f, FloatScaling.scale(E2M1, 0.75f, true), "a power of two stays");
        // 448 / 3 = 149.33 -> 128; 448 / 5 = 89.6 -> 64
        assertEquals(128f, FloatScaling.scale(E4M3, 3f, true));
        assertEquals(64f, FloatScaling.scale(E4M3, 5f, true));
        // amax 0 (and anything below 1e-12) is floored at 1e-12: scale fl32(6e12), finite
        assertEquals((float) 6e12, FloatScaling.scale(E2M1, 0f, false));
        assertEquals((float) 6e12, FloatScaling.scale(E2M1, 1e-20f, false));
        assertEquals(0x1p42f, FloatScaling.scale(E2M1, 0f, true), "6e12 lies in [2^42, 2^43)");
    }

    // ---------------------------------------------------------------- saturation

    @Test
    void valuesBeyondAmaxSaturateInEveryFormatAndAreMaskedOut() {
        // e2m1 at scale 8: the top binade [4, 8) has quantum 2, so |y| < 7 rounds to 6 (rounding, not clipping) and
        // |y| >= 7 would round to 8 > 6: clipped to 6 -> 0.75
        assertSaturation(E2M1, 8f,
                new float[] {0.9f, 0.8f, 0.76f, -100f, 0.75f, -0.75f},   // y = 7.2, 6.4, 6.08, -800, 6, -6
                new float[] {0.75f, 0.75f, 0.75f, -0.75f, 0.75f, -0.75f},
                new byte[] {0, 1, 1, 0, 1, 1});
        // e4m3 at scale 128: quantum 32 on [256, 512), so 449 and 460.8 round to 448; 3.7 * 128 = 473.6 is past
        // the midpoint 464 and clipped, as are -1000 and +Inf
        assertSaturation(E4M3, 128f,
                new float[] {3.7f, 3.6f, 3.5078125f, 3.5f, -1000f, Float.POSITIVE_INFINITY},
                new float[] {3.5f, 3.5f, 3.5f, 3.5f, -3.5f, 3.5f},
                new byte[] {0, 1, 1, 1, 0, 0});
        // e5m2 at scale 2^14: 4 * 2^14 = 65536 would round to +Inf on the bare IEEE grid; the scaled cast saturates
        assertTrue(Float.isInfinite(E5M2.round(65536f)), "the raw E5M2 grid overflows to Inf");
        assertSaturation(E5M2, 16384f,
                new float[] {4f, -3.75f, 3.5f, 1e30f},            // y = 65536, -61440, 57344, Inf
                new float[] {3.5f, -3.5f, 3.5f, 3.5f},
                new byte[] {0, 0, 1, 0});
    }

    private static void assertSaturation(FloatFormat f, float scale, float[] x, float[] expected, byte[] mask) {
        float[] out = new float[x.length];
        byte[] m = new byte[x.length];
        long clipped = FloatScaling.fakeQuantize(f, scale, Rounding.NEAREST_EVEN, x, 0, x.length, out, m, null);
        assertArrayEquals(expected, out, f.name());
        assertArrayEquals(mask, m, f.name());
        long zeros = 0;
        for (byte b : mask) {
            zeros += 1 - b;
        }
        assertEquals(zeros, clipped, f.name());
    }

    @Test
    void aSetsOwnAmaxIsNeverClippedEvenWhenItsProductLandsPastTheMaximum() {
        // scale = fl32(448 / 5.752817f) rounds so that 5.752817f * scale = 448.00003 > 448: still 448 after
        // rounding, so minmax calibration clips nothing and every gradient passes
        float[] x = {5.752817f, 1f, -2f, 0.5f};
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = perTensor(E4M3).quantize(x, new int[] {1, x.length}, out, mask, null);
        assertTrue(x[0] * FloatScaling.scale(E4M3, x[0], false) > 448f, "the product lands past 448");
        assertEquals(0, r.clipped());
        assertArrayEquals(new byte[] {1, 1, 1, 1}, mask);
        // the same for NVFP4: 0.7f is the tensor's and its block's amax and scales to 6.0000005
        float[] y = {0.7f, 0.1f, -0.3f, 0.2f};
        QuantizationReport nv = new NvFp4Format(Rounding.NEAREST_EVEN).quantize(y, new int[] {1, 4},
                new float[4], mask, null);
        assertEquals(0, nv.clipped());
        assertArrayEquals(new byte[] {1, 1, 1, 1}, mask);
    }

    @Test
    void amaxPointSixIsNotClippedBecauseTheProductTiesToSix() {
        // scale = fl32(6 / 0.6f) = 10; 0.6f * 10 = 6.00000023841857910... = 6 + 2^-22, exactly half an ulp (2^-21)
        // above 6; the tie goes to the even 6, so |y| = 6 is not beyond maxFinite and nothing is clipped.
        float[] x = {0.6f, -0.6f, 0.05f, -0.3f, 0.1f, 0.55f, 0.2f};
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = perTensor(E2M1).quantize(x, new int[] {1, x.length}, out, mask, null);
        assertEquals(0, r.clipped());
        assertArrayEquals(new byte[] {1, 1, 1, 1, 1, 1, 1}, mask);
        // y = 6, -6, 0.5, -3 (0.3f * 10 = 3 + half an ulp, ties to 3), 1, 5.5 (-> tie 5.5 is 2.75 quanta of 2 -> 6),
        // 2; q / 10 rounds back to the float32 nearest the decimal
        assertArrayEquals(new float[] {0.6f, -0.6f, 0.05f, -0.3f, 0.1f, 0.6f, 0.2f}, out);
        assertEquals(0.1f, r.scaleMin(), "step 1 / 10");
    }

    // ---------------------------------------------------------------- power-of-two scales

    @Test
    void powerOfTwoScaleRoundsTenDownToEightAndClipsNothing() {
        ScaledFloatFormat f = new ScaledFloatFormat(E2M1, Granularity.PER_TENSOR, 0, Rounding.NEAREST_EVEN, true,
                CalibrationSpec.of("minmax"));
        float[] x = {0.6f, 0.05f, -0.3f, 0.1f, 0.55f, 0.2f};
        // scale 8, grid step 1/16: y = 4.8 -> 4, 0.4 -> 0.5, -2.4 -> -2, 0.8 -> 1, 4.4 -> 4, 1.6 -> 1.5
        float[] expected = {0.5f, 0.0625f, -0.25f, 0.125f, 0.5f, 0.1875f};
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = f.quantize(x, new int[] {1, x.length}, out, mask, null);
        assertArrayEquals(expected, out);
        assertEquals(0, r.clipped(), "a smaller scale never maps amax beyond maxFinite");
        assertArrayEquals(new byte[] {1, 1, 1, 1, 1, 1}, mask);
        assertEquals(0.125f, r.scaleMin());
        assertEquals(0.125f, r.scaleMax());
        for (float v : out) {
            float sixteenths = v * 16;
            assertEquals(Math.rint(sixteenths), sixteenths, "a multiple of 1/16: " + v);
            assertTrue(Math.abs(v) <= 0.75f, "6 / 8 is the largest output");
        }
    }

    // ---------------------------------------------------------------- scale sets

    /** Row 0 has amax 0.75 (groups 0.75 and 0.375), row 1 amax 6 (groups 6 and 3). */
    private static final float[] TWO_ROWS = {
        0.75f, 0.05f, -0.375f, 0.03125f,
        6f, 5f, -3f, 0.3f,
    };

    @Test
    void perChannelPicksEachRowsAmax() {
        // scales 8 (row 0) and 1 (row 1)
        // row 0: y = 6, 0.4 -> 0.5, -3, 0.25 -> 0 (tie)      -> 0.75, 0.0625, -0.375, 0
        // row 1: y = 6, 5 -> 4 (tie), -3, 0.3 -> 0.5          -> 6, 4, -3, 0.5
        float[] out = new float[8];
        QuantizationReport r = scaled(E2M1, Granularity.PER_CHANNEL, 0, "minmax").quantize(TWO_ROWS,
                new int[] {2, 4}, out, null, null);
        assertArrayEquals(new float[] {0.75f, 0.0625f, -0.375f, 0f, 6f, 4f, -3f, 0.5f}, out);
        assertEquals(0.125f, r.scaleMin(), "1/8");
        assertEquals(1f, r.scaleMax(), "1/1");
        assertEquals(64, r.overheadBits(), "two float32 scales");
    }

    @Test
    void perTensorUsesTheLargestAmaxForEveryRow() {
        // scale 1 everywhere: row 0: 0.75 -> 1 (tie between 0.5 and 1 -> even 1), 0.05 -> 0, -0.375 -> -0.5,
        // 0.03125 -> 0; row 1 as per channel
        float[] out = new float[8];
        QuantizationReport r = perTensor(E2M1).quantize(TWO_ROWS, new int[] {2, 4}, out, null, null);
        assertArrayEquals(new float[] {1f, 0f, -0.5f, 0f, 6f, 4f, -3f, 0.5f}, out);
        assertEquals(1f, r.scaleMin());
        assertEquals(1f, r.scaleMax());
        assertEquals(32, r.overheadBits());
    }

    @Test
    void perGroupPicksEachGroupsAmax() {
        // groups of 2: amax 0.75, 0.375, 6, 3 -> scales 8, 16, 1, 2
        // group 1: y = -6, 0.5                 -> -0.375, 0.03125
        // group 3: y = -6, 0.6 -> 0.5          -> -3, 0.25
        float[] out = new float[8];
        QuantizationReport r = scaled(E2M1, Granularity.PER_GROUP, 2, "minmax").quantize(TWO_ROWS,
                new int[] {2, 4}, out, null, null);
        assertArrayEquals(new float[] {0.75f, 0.0625f, -0.375f, 0.03125f, 6f, 4f, -3f, 0.25f}, out);
        assertEquals(0.0625f, r.scaleMin(), "1/16");
        assertEquals(1f, r.scaleMax());
        assertEquals(128, r.overheadBits(), "four float32 scales");
    }

    @Test
    void anAllZeroSetStaysZeroAndIsLeftOutOfTheScaleRange() {
        float[] x = {0f, -0f, 0.75f, -0.75f};
        float[] out = new float[4];
        QuantizationReport r = scaled(E2M1, Granularity.PER_CHANNEL, 0, "minmax").quantize(x, new int[] {2, 2}, out,
                null, null);
        assertArrayEquals(new float[] {0f, -0f, 0.75f, -0.75f}, out);
        assertEquals(0.125f, r.scaleMin(), "only row 1 (scale 8) counts");
        assertEquals(0.125f, r.scaleMax());
        QuantizationReport zero = perTensor(E4M3).quantize(new float[4], new int[] {4}, out, null, null);
        assertArrayEquals(new float[4], out);
        assertTrue(Float.isNaN(zero.scaleMin()) && Float.isNaN(zero.scaleMax()), "no set with a non-zero amax");
    }

    @Test
    void overheadIs32BitsPerScaleSet() {
        float[] x = TestTensors.gaussian(3, 4 * 32, 0.05);
        int[] shape = {4, 32};
        for (FloatFormat f : new FloatFormat[] {E4M3, E5M2, E2M1}) {
            // [4, 32]: per-group 16 -> 4 rows * 2 groups = 8 scales = 256 bits; per-channel 4 * 32 = 128; per-tensor 32
            QuantizationReport group = scaled(f, Granularity.PER_GROUP, 16, "minmax").quantize(x, shape,
                    new float[x.length], null, null);
            QuantizationReport channel = scaled(f, Granularity.PER_CHANNEL, 0, "minmax").quantize(x, shape,
                    new float[x.length], null, null);
            QuantizationReport tensor = perTensor(f).quantize(x, shape, new float[x.length], null, null);
            assertEquals(256, group.overheadBits(), f.name());
            assertEquals(128, channel.overheadBits(), f.name());
            assertEquals(32, tensor.overheadBits(), f.name());
            int width = f == E2M1 ? 4 : 8;
            assertEquals(width, group.elementBits(), f.name());
            assertEquals(width, channel.elementBits(), f.name());
            assertEquals(width, tensor.elementBits(), f.name());
            assertNull(tensor.intParams(), "no integer grid");
        }
        // rows of 40 do not split into groups of 16
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                scaled(E4M3, Granularity.PER_GROUP, 16, "minmax").quantize(new float[80], new int[] {2, 40},
                        new float[80], null, null));
        assertTrue(e.getMessage().contains("16"), e.getMessage());
    }

    // ---------------------------------------------------------------- calibration

    /**
     * 1000 values: 998 small ones (k / 2048, k = 0..997, alternating signs, at most 0.487), a = 0.74896240234375 at
     * index 10 and -b = -1.74896240234375 at index 500 (the two largest magnitudes; b - a = 1).
     */
    private static float[] percentileTensor() {
        float[] x = new float[1000];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (i == 10) {
                x[i] = 0.74896240234375f;
            } else if (i == 500) {
                x[i] = -1.74896240234375f;
            } else {
                x[i] = (k % 2 == 0 ? 1 : -1) * k / 2048f;
                k++;
            }
        }
        return x;
    }

    @Test
    void percentileCalibrationUsesTorchQuantileInterpolation() {
        // torch.quantile(|x|, 0.999) on n = 1000 sorted magnitudes: rank = fl32(fl32(0.999) * 999)
        //   fl32(0.999) = 0.99900001287..., * 999 = 998.001012859... -> fl32 (ulp 2^-14 at 998) = 998 + 17 * 2^-14
        //   weight = 17 / 16384 = 0.00103759765625; sorted[998] = a, sorted[999] = b
        //   quantile = a + weight * (b - a) = 0.74896240234375 + 0.00103759765625 * 1 = 0.75 exactly
        // so amax 0.75, scale 8: b (y = -13.99) is clipped to -6 -> -0.75, a (y = 5.9917) rounds to 6 -> 0.75
        float[] x = percentileTensor();
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = scaled(E2M1, Granularity.PER_TENSOR, 0, "percentile").quantize(x,
                new int[] {1, x.length}, out, mask, null);
        assertEquals(0.125f, r.scaleMin(), "scale 8 from the quantile 0.75");
        assertEquals(1, r.clipped());
        assertEquals(-0.75f, out[500]);
        assertEquals(0.75f, out[10]);
        for (int i = 0; i < x.length; i++) {
            assertEquals(i == 500 ? 0 : 1, mask[i], "STE mask is 0 exactly where clipped: " + i);
        }
        // the small values: index i < 10 holds k = i, 10 < i < 500 holds k = i - 1, i > 500 holds k = i - 2;
        // y = k / 2048 * 8 = k / 256 (odd k negative)
        assertEquals(-0f, out[1], "k = 1: y = -1/256 -> -0");
        assertEquals(-0.0625f, out[100], "k = 99: y = -0.3867 -> -0.5 -> -1/16");
        assertEquals(-0.125f, out[300], "k = 289: y = -1.1289 -> -1 -> -1/8");
        assertEquals(0.5f, out[998], "k = 996: y = 3.8906 -> 4 -> 1/2");
        assertEquals(-0.5f, out[999], "k = 997: y = -3.8945 -> -4 -> -1/2");
        // minmax on the same tensor: amax b, nothing clipped
        byte[] minmaxMask = new byte[x.length];
        QuantizationReport mm = perTensor(E2M1).quantize(x, new int[] {1, x.length}, new float[x.length],
                minmaxMask, null);
        assertEquals(0, mm.clipped());
        for (byte b : minmaxMask) {
            assertEquals(1, b);
        }
    }

    /** An outlier 6 at index 0 and 999 values ±0.2, alternating signs. */
    private static float[] outlierTensor() {
        float[] x = new float[1000];
        x[0] = 6f;
        for (int i = 1; i < x.length; i++) {
            x[i] = i % 2 == 0 ? 0.2f : -0.2f;
        }
        return x;
    }

    private static double sse(float[] x, float[] q, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = (double) x[i] - q[i];
            s += d * d;
        }
        return s;
    }

    @Test
    void mseCalibrationClipsAHugeOutlierToRepresentTheSmallValues() {
        // minmax: amax 6, scale 1; 0.2 < 0.25 rounds to 0: error 0.04 on each of the 999 small values.
        // mse: candidates c_i = 0.06 i (i = 1..100); for i < 100 the outlier clips to c_i (error (6 - 0.06 i)^2)
        // and a small value scales to 0.2 * 6 / c_i = 20 / i:
        //   i <= 40: outlier error >= 3.6^2 = 12.96 alone
        //   41 <= i <= 79: 20 / i in (0.25, 0.49) -> 0.5, i.e. 0.005 i: total 999 (0.2 - 0.005 i)^2 + (6 - 0.06 i)^2,
        //     minimal near i = 47.6: i = 47 -> 1.2238 + 10.1124 = 11.3362; i = 48 -> 1.5984 + 9.7344 = 11.3328;
        //     i = 49 -> 2.0230 + 9.3636 = 11.3866
        //   i >= 80: small values round to 0 again: >= 39.96
        // so i = 48: c = 2.88, scale 6 / 2.88 = 2.0833, small values -> 0.24, outlier -> 2.88
        float[] x = outlierTensor();
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = scaled(E2M1, Granularity.PER_TENSOR, 0, "mse").quantize(x, new int[] {1, x.length},
                out, mask, null);
        assertEquals(1, r.clipped(), "the outlier is clipped");
        assertEquals(0, mask[0]);
        assertEquals(0.48f, r.scaleMin(), 1e-6, "step 1 / scale = 2.88 / 6");
        assertEquals(2.88f, out[0], 1e-6);
        assertEquals(-0.24f, out[1], 1e-6, "x[1] = -0.2");
        assertEquals(0.24f, out[2], 1e-6, "x[2] = 0.2");

        float[] minmax = new float[x.length];
        QuantizationReport mm = perTensor(E2M1).quantize(x, new int[] {1, x.length}, minmax, null, null);
        assertEquals(0, mm.clipped());
        assertEquals(6f, minmax[0]);
        assertEquals(-0f, minmax[1], "-0.2 at scale 1 rounds to -0");
        assertEquals(0f, minmax[2], "0.2 rounds to 0");
        double smallMinmax = sse(x, minmax, 1, x.length);
        double smallMse = sse(x, out, 1, x.length);
        assertEquals(999 * 0.04, smallMinmax, 1e-4, "999 * 0.2^2");
        assertEquals(999 * 0.0016, smallMse, 1e-4, "999 * 0.04^2");
        assertEquals(39.96 / 1000, sse(x, minmax, 0, x.length) / 1000, 1e-6);
        assertEquals(11.3328 / 1000, sse(x, out, 0, x.length) / 1000, 1e-6, "the chosen candidate's total error");
    }

    @Test
    void percentileChoosesPerScaleSet() {
        // row 1 is row 0 divided by 8: its quantile is 0.75 / 8 exactly (every step of the interpolation scales by
        // a power of two), so the scales are 8 and 64, and each row clips its own largest magnitude
        float[] row = percentileTensor();
        float[] x = new float[2 * row.length];
        for (int i = 0; i < row.length; i++) {
            x[i] = row[i];
            x[row.length + i] = row[i] / 8;
        }
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = scaled(E2M1, Granularity.PER_CHANNEL, 0, "percentile").quantize(x,
                new int[] {2, row.length}, out, mask, null);
        assertEquals(2, r.clipped());
        assertEquals(1f / 64, r.scaleMin());
        assertEquals(1f / 8, r.scaleMax());
        assertEquals(0, mask[500]);
        assertEquals(0, mask[row.length + 500]);
        assertEquals(-0.75f, out[500]);
        assertEquals(-0.75f / 8, out[row.length + 500]);
        // per tensor, the quantile of all 2000 magnitudes is another number: one scale for both rows
        QuantizationReport tensor = scaled(E2M1, Granularity.PER_TENSOR, 0, "percentile").quantize(x,
                new int[] {2, row.length}, new float[x.length], null, null);
        assertEquals(tensor.scaleMin(), tensor.scaleMax());
    }

    @Test
    void mseChoosesPerScaleSet() {
        // two rows, each the outlier tensor scaled by 1 and by 1/8: per channel each row makes its own choice,
        // the second one exactly 1/8 of the first (powers of two commute with every rounding here)
        float[] row = outlierTensor();
        float[] x = new float[2 * row.length];
        for (int i = 0; i < row.length; i++) {
            x[i] = row[i];
            x[row.length + i] = row[i] / 8;
        }
        float[] out = new float[x.length];
        QuantizationReport r = scaled(E2M1, Granularity.PER_CHANNEL, 0, "mse").quantize(x, new int[] {2, row.length},
                out, null, null);
        assertEquals(2, r.clipped(), "one outlier per row");
        assertEquals(0.48f / 8, r.scaleMin(), 1e-7);
        assertEquals(0.48f, r.scaleMax(), 1e-6);
        for (int i = 0; i < row.length; i++) {
            assertEquals(out[i] / 8, out[row.length + i], "element " + i);
        }
    }

    @Test
    void klCalibrationIsRejectedForFloatGrids() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                scaled(E4M3, Granularity.PER_TENSOR, 0, "kl"));
        assertTrue(e.getMessage().contains("kl"), e.getMessage());
        IllegalArgumentException viaSpec = assertThrows(IllegalArgumentException.class, () ->
                TensorFormats.create(FormatSpec.of("fp8-e4m3", 8), CalibrationSpec.of("kl")));
        assertTrue(viaSpec.getMessage().contains("kl"), viaSpec.getMessage());
    }

    // ---------------------------------------------------------------- raw versus scaled

    @Test
    void rawFp4ZeroesTrainedWeightsWhileScaledFp4KeepsThem() {
        int rows = 16;
        int cols = 64;
        int[] shape = {rows, cols};
        float[] w = TestTensors.gaussian(11, rows * cols, 0.05);
        float maxAbs = 0;
        for (float v : w) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs < 0.25f, "precondition: every |w| is below 0.25, half of E2M1's smallest step: " + maxAbs);

        TensorFormat raw = TensorFormats.create(spec("fp4-e2m1", 4, Granularity.NONE, 0), null);
        assertInstanceOf(FloatTensorFormat.class, raw);
        float[] rawOut = new float[w.length];
        QuantizationReport rawReport = raw.quantize(w, shape, rawOut, null, null);
        for (float v : rawOut) {
            assertEquals(0f, Math.abs(v), "below 0.25 rounds to zero on the bare grid");
        }
        assertEquals(0, rawReport.overheadBits());
        assertEquals(0.0, WeightQuantizer.sqnrDb(w, rawOut), 1e-12, "noise = signal: 0 dB");

        TensorFormat scaledFormat = TensorFormats.create(spec("fp4-e2m1", 4, Granularity.PER_CHANNEL, 0), null);
        assertInstanceOf(ScaledFloatFormat.class, scaledFormat);
        float[] out = new float[w.length];
        QuantizationReport r = scaledFormat.quantize(w, shape, out, null, null);
        assertEquals(rows * 32L, r.overheadBits());
        // bound: in scaled units y = x * 6 / amax_row, the error is at most half the local spacing, 0.25 below 2,
        // 0.5 in [2, 4), 1 in [4, 6], i.e. at most max(1/4, |y| / 4), so e^2 <= 1/16 + y^2 / 16; back in x units
        // noise <= sum over rows of cols / 16 * (amax_row / 6)^2 + signal / 16.
        double signal = 0;
        double noiseBound = 0;
        for (int row = 0; row < rows; row++) {
            double amax = 0;
            for (int j = 0; j < cols; j++) {
                double v = w[row * cols + j];
                amax = Math.max(amax, Math.abs(v));
                signal += v * v;
            }
            noiseBound += cols / 16.0 * (amax / 6) * (amax / 6);
        }
        noiseBound += signal / 16;
        double bound = 10 * Math.log10(signal / noiseBound);
        double sqnr = WeightQuantizer.sqnrDb(w, out);
        assertTrue(bound > 10, "gaussian rows have amax ~2.5 sigma: bound " + bound);
        assertTrue(sqnr >= bound - 0.01, "scaled fp4 SQNR " + sqnr + " dB >= bound " + bound + " dB");
        long zeros = 0;
        for (float v : out) {
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros < w.length / 4, "most weights survive: " + zeros + " zeros");
    }

    @Test
    void granularityNoneGivesTheRawGridForEveryNarrowFloat() {
        assertEquals(new FloatTensorFormat(E4M3, Rounding.NEAREST_EVEN),
                TensorFormats.create(spec("fp8-e4m3", 8, Granularity.NONE, 0), null));
        assertEquals(new FloatTensorFormat(E5M2, Rounding.NEAREST_EVEN),
                TensorFormats.create(spec("fp8-e5m2", 8, Granularity.NONE, 0), null));
        TensorFormat group = TensorFormats.create(spec("fp8-e5m2", 8, Granularity.PER_GROUP, 16), null);
        assertInstanceOf(ScaledFloatFormat.class, group);
        assertEquals(E5M2, ((ScaledFloatFormat) group).element());
        assertThrows(IllegalArgumentException.class, () ->
                new ScaledFloatFormat(E4M3, Granularity.NONE, 0, Rounding.NEAREST_EVEN, false,
                        CalibrationSpec.of("minmax")));
        assertThrows(IllegalArgumentException.class, () ->
                new ScaledFloatFormat(E4M3, Granularity.PER_GROUP, 0, Rounding.NEAREST_EVEN, false,
                        CalibrationSpec.of("minmax")));
    }

    // ---------------------------------------------------------------- stochastic rounding

    @Test
    void stochasticRoundingIsUnbiasedAndReproducible() {
        // amax 0.75 -> scale 8; 0.28125 * 8 = 2.25 lies between 2 and 3: up with probability 1/4, so the outputs
        // are 0.25 or 0.375 with mean 0.28125; nearest-even gives 0.25 every time (bias -1/32).
        int n = 4000;
        float[] x = new float[n];
        Arrays.fill(x, 0.28125f);
        x[0] = 0.75f;
        ScaledFloatFormat f = new ScaledFloatFormat(E2M1, Granularity.PER_TENSOR, 0, Rounding.STOCHASTIC, false,
                CalibrationSpec.of("minmax"));
        float[] a = new float[n];
        QuantizationReport r = f.quantize(x, new int[] {1, n}, a, null, new SplittableRandom(42));
        assertEquals(0, r.clipped());
        assertEquals(0.75f, a[0], "a grid value stays put");
        double sum = 0;
        int up = 0;
        for (int i = 1; i < n; i++) {
            assertTrue(a[i] == 0.25f || a[i] == 0.375f, "a neighbour: " + a[i]);
            sum += a[i];
            up += a[i] == 0.375f ? 1 : 0;
        }
        double mean = sum / (n - 1);
        // each output has standard deviation 0.125 * sqrt(1/4 * 3/4) = 0.0541; the mean's is 0.0541 / sqrt(3999)
        // = 0.00086: allow 4 of those
        assertEquals(0.28125, mean, 0.0035, "unbiased");
        assertTrue(up > 800 && up < 1200, "about a quarter go up: " + up);

        float[] b = new float[n];
        f.quantize(x, new int[] {1, n}, b, null, new SplittableRandom(42));
        assertArrayEquals(a, b, "the same seed gives the same draws");
        float[] c = new float[n];
        f.quantize(x, new int[] {1, n}, c, null, new SplittableRandom(43));
        assertNotEquals(Arrays.toString(a), Arrays.toString(c), "another seed gives other draws");
        assertThrows(NullPointerException.class, () -> f.quantize(x, new int[] {1, n}, new float[n], null, null));

        float[] nearest = new float[n];
        perTensor(E2M1).quantize(x, new int[] {1, n}, nearest, null, null);
        assertEquals(0.25f, nearest[1], "2.25 rounds to 2 -> 0.25");
    }
}
