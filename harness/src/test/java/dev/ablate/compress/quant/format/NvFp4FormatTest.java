package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.TestTensors;
import dev.ablate.spec.Granularity;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NVFP4 two-level scaling against hand-computed values. Every tensor below has amax 2.625 = 2688 * 2^-10, so the
 * tensor scale is 2.625 / (448 * 6) = 2^-10 exactly, and block amaxes are picked so that the relative block scale
 * fl32(fl32(amax / 6) / 2^-10) is exact before its E4M3 rounding. Values are written as multiples of the block's
 * total scale, so v / total is exact too.
 */
class NvFp4FormatTest {

    private static final NvFp4Format NVFP4 = new NvFp4Format(Rounding.NEAREST_EVEN);

    /** Block 0's total scale: tensor 2^-10 times block 448 (2.625 / 6 = 0.4375 = 448 * 2^-10). */
    private static final float T0 = 0.4375f;

    /** Block 1's total scale in the main example: 2^-10 times the E4M3 block scale 3.25. */
    private static final float T1 = 3.25f * 0x1p-10f;

    /** Block 0 of the examples: amax 2.625 (= 6 * T0), values k * T0 with the k of the comments. */
    private static final float[] BLOCK0 = {
        2.625f,     // k = 6                      -> 6    -> 2.625
        -2.625f,    // k = -6                     -> -6   -> -2.625
        0.4375f,    // k = 1                      -> 1    -> 0.4375
        1.3125f,    // k = 3                      -> 3    -> 1.3125
        1.09375f,   // k = 2.5, tie               -> 2    -> 0.875
        -0.65625f,  // k = -1.5                   -> -1.5 -> -0.65625
        0.109375f,  // k = 0.25, tie              -> 0    -> 0
        0.328125f,  // k = 0.75, tie              -> 1    -> 0.4375
        2.1875f,    // k = 5, tie                 -> 4    -> 1.75
        1.53125f,   // k = 3.5, tie               -> 4    -> 1.75
        0.2f,       // k = 0.457                  -> 0.5  -> 0.21875
        -0f,        //                            -> -0
        0f, 0f, 0f, 0f,
    };
    private static final float[] BLOCK0_OUT = {2.625f, -2.625f, 0.4375f, 1.3125f, 0.875f, -0.65625f, 0f, 0.4375f,
        1.75f, 1.75f, 0.21875f, -0f, 0f, 0f, 0f, 0f};

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] x = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, x, at, p.length);
            at += p.length;
        }
        return x;
    }

    @Test
    void twoLevelScalesOnTwoBlocksWithE4m3BlockScaleRounding() {
        // block 1: amax 19.875 * 2^-10; fl32(amax / 6) = 3.3125 * 2^-10; / 2^-10 = 3.3125;
        // E4M3 in [2, 4) has quantum 1/4: 3.3125 = 13.25 quanta -> 13 -> 3.25 (rounded down), total T1 = 3.25 * 2^-10.
        // The block's own amax then exceeds 6 * T1: 19.875 / 3.25 = 6.115 > 6, which E2M1 rounds to 6 (quantum 2
        // on its top binade): rounding, not clipping, so its gradient still passes.
        float[] block1 = new float[16];
        block1[0] = -19.875f * 0x1p-10f;   // -6.115 -> -6        -> -19.5 * 2^-10
        block1[1] = -13f * 0x1p-10f;       // k = -4              -> -13 * 2^-10
        block1[2] = 16.25f * 0x1p-10f;     // k = 5, tie          -> 4 -> 13 * 2^-10
        block1[3] = 4.0625f * 0x1p-10f;    // k = 1.25            -> 1 -> 3.25 * 2^-10
        block1[4] = 0.8125f * 0x1p-10f;    // k = 0.25, tie       -> 0
        block1[5] = 9.75f * 0x1p-10f;      // k = 3               -> 9.75 * 2^-10
        float[] block1Out = new float[16];
        block1Out[0] = -19.5f * 0x1p-10f;
        block1Out[1] = -13f * 0x1p-10f;
        block1Out[2] = 13f * 0x1p-10f;
        block1Out[3] = 3.25f * 0x1p-10f;
        block1Out[5] = 9.75f * 0x1p-10f;
        float[] x = concat(BLOCK0, block1);
        float[] out = new float[32];
        byte[] mask = new byte[32];
        QuantizationReport r = NVFP4.quantize(x, new int[] {1, 32}, out, mask, null);
        assertArrayEquals(concat(BLOCK0_OUT, block1Out), out);
        assertEquals(0, r.clipped(), "block 1's amax lands past 6 but within E2M1's half step: it rounds to 6");
        for (int i = 0; i < 32; i++) {
            assertEquals(1, mask[i], "STE mask " + i);
        }
        assertEquals(T1, r.scaleMin(), "the smallest total scale");
        assertEquals(T0, r.scaleMax());
        assertEquals(4, r.elementBits());
        assertEquals(2 * 8 + 32, r.overheadBits(), "two E4M3 block scales and the float32 tensor scale");
    }

    @Test
    void blockScaleRoundsToNearestE4m3() {
        // relative scales 3.3 and 3.3125 both round to 3.25 (13.2 and 13.25 quanta of 1/4); 3.375 = 13.5 quanta
        // ties to the even 14 -> 3.5; 3.4 -> 13.6 -> 3.5; 448 and 2^-6 are on the grid; 0.05 lies in [2^-5, 2^-4),
        // quantum 2^-8: 12.8 quanta -> 13 * 2^-8 = 0.05078125. Tensor scale 1, so the relative scale is amax / 6.
        assertEquals(3.25f, NvFp4Format.blockScale(3.3f * 6, 1f));
        assertEquals(3.25f, NvFp4Format.blockScale(3.3125f * 6, 1f));
        assertEquals(3.5f, NvFp4Format.blockScale(3.375f * 6, 1f));
        assertEquals(3.5f, NvFp4Format.blockScale(3.4f * 6, 1f));
        assertEquals(448f, NvFp4Format.blockScale(448f * 6, 1f));
        assertEquals(448f, NvFp4Format.blockScale(1000f * 6, 1f), "clamped at 448");
        assertEquals(0.05078125f, NvFp4Format.blockScale(0.3f, 1f), "0.3 / 6 = 0.05");
        assertEquals(0x1p-6f, NvFp4Format.blockScale(0.06f, 1f), "0.01 is floored at 2^-6");
        assertEquals(0x1p-6f, NvFp4Format.blockScale(0f, 1f), "an all-zero block too");
    }

    @Test
    void aTinyBlockNextToALargeOneHasItsBlockScaleFlooredAtTwoToTheMinusSix() {
        // block 1: amax 3 * 2^-16; fl32(amax / 6) = 2^-17; / 2^-10 = 2^-7 < 2^-6 -> floored at 2^-6, so its total is
        // 2^-16 (without the floor it would be 2^-17 and 0.75 * 2^-16 = 1.5 * 2^-17 would be exact).
        // block 2: all zero: relative 0 -> 2^-6, total 2^-16, zeros stay zeros.
        float[] block1 = new float[16];
        block1[0] = 3 * 0x1p-16f;          // k = 3                          -> 3 * 2^-16
        block1[1] = 0.75f * 0x1p-16f;      // k = 0.75, tie between 0.5 and 1 -> 1 -> 2^-16
        block1[2] = -0.25f * 0x1p-16f;     // k = -0.25, tie                 -> -0
        block1[3] = 0.625f * 0x1p-16f;     // k = 0.625                      -> 0.5 -> 2^-17
        float[] block1Out = new float[16];
        block1Out[0] = 3 * 0x1p-16f;
        block1Out[1] = 0x1p-16f;
        block1Out[2] = -0f;
        block1Out[3] = 0x1p-17f;
        float[] x = concat(BLOCK0, block1, new float[16]);
        float[] out = new float[48];
        QuantizationReport r = NVFP4.quantize(x, new int[] {1, 48}, out, null, null);
        assertArrayEquals(concat(BLOCK0_OUT, block1Out, new float[16]), out);
        assertEquals(0, r.clipped());
        assertEquals(0x1p-16f, r.scaleMin(), "2^-10 * 2^-6");
        assertEquals(T0, r.scaleMax());
        assertEquals(3 * 8 + 32, r.overheadBits());
    }

    @Test
    void aRowOfTwentyEndsInABlockOfFourWithItsOwnScale() {
        // [2, 20]: blocks [0, 16) and [16, 20) in each row, never across rows.
        // row 0, block [16, 20): amax 19.875 * 2^-10 -> total T1 as in the two-block example.
        // row 1, block [0, 16): amax 1.3125: fl32(1.3125 / 6) = 0.21875, / 2^-10 = 224 = 1.75 * 2^7, on the E4M3
        //   grid: total 0.21875; row 1, block [16, 20): zeros. Were the blocks laid across rows, row 0's last four
        //   values would share a scale with row 1's 1.3125.
        float[] x = new float[40];
        x[0] = 2.625f;                       // tensor amax -> tensor scale 2^-10, block 448, total T0 -> 2.625
        x[1] = 1.09375f;                     // k = 2.5 -> 2 -> 0.875
        x[16] = 19.875f * 0x1p-10f;          // k = 6.115 -> 6 -> 19.5 * 2^-10
        x[17] = 16.25f * 0x1p-10f;           // k = 5 -> 4 -> 13 * 2^-10
        x[18] = -9.75f * 0x1p-10f;           // k = -3 -> -9.75 * 2^-10
        x[20] = 1.3125f;                     // k = 6 at total 0.21875 -> 1.3125
        x[21] = -0.546875f;                  // k = -2.5, tie -> -2 -> -0.4375
        x[22] = 0.3828125f;                  // k = 1.75, tie between 1.5 and 2 -> 2 -> 0.4375
        float[] expected = new float[40];
        expected[0] = 2.625f;
        expected[1] = 0.875f;
        expected[16] = 19.5f * 0x1p-10f;
        expected[17] = 13f * 0x1p-10f;
        expected[18] = -9.75f * 0x1p-10f;
        expected[20] = 1.3125f;
        expected[21] = -0.4375f;
        expected[22] = 0.4375f;
        float[] out = new float[40];
        byte[] mask = new byte[40];
        QuantizationReport r = NVFP4.quantize(x, new int[] {2, 20}, out, mask, null);
        assertArrayEquals(expected, out);
        assertEquals(0, r.clipped());
        assertEquals(1, mask[16]);
        assertEquals(4 * 8 + 32, r.overheadBits(), "two blocks per row, two rows");
        assertEquals(0x1p-16f, r.scaleMin(), "the all-zero block's floored total 2^-10 * 2^-6");
        assertEquals(T0, r.scaleMax());
    }

    @Test
    void overheadIsEightBitsPerBlockPlusThirtyTwo() {
        // [3, 40]: ceil(40 / 16) = 3 blocks per row (16, 16, 8) -> 9 blocks -> 72 + 32 = 104
        assertEquals(104, overhead(new int[] {3, 40}));
        // [4, 32]: 2 blocks per row -> 8 blocks -> 64 + 32 = 96
        assertEquals(96, overhead(new int[] {4, 32}));
        // [1, 16]: one block -> 8 + 32 = 40
        assertEquals(40, overhead(new int[] {1, 16}));
        // [2, 3, 4, 4]: rows of 3 * 4 * 4 = 48 -> 3 blocks per row -> 6 blocks -> 48 + 32 = 80
        assertEquals(80, overhead(new int[] {2, 3, 4, 4}));
    }

    private static long overhead(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] x = TestTensors.gaussian(5, n, 0.05);
        QuantizationReport r = NVFP4.quantize(x, shape, new float[n], null, null);
        assertEquals(4, r.elementBits());
        return r.overheadBits();
    }

    @Test
    void anAllZeroTensorStaysZero() {
        float[] x = new float[32];
        x[3] = -0f;
        float[] out = new float[32];
        Arrays.fill(out, 1f);
        byte[] mask = new byte[32];
        QuantizationReport r = NVFP4.quantize(x, new int[] {2, 16}, out, mask, null);
        float[] expected = new float[32];
        expected[3] = -0f;
        assertArrayEquals(expected, out);
        assertEquals(0, r.clipped());
        for (byte b : mask) {
            assertEquals(1, b);
        }
        assertTrue(Float.isNaN(r.scaleMin()) && Float.isNaN(r.scaleMax()), "no scale was used");
        assertEquals(2 * 8 + 32, r.overheadBits(), "the scales are still stored");
    }

    @Test
    void stochasticElementRoundingIsReproducibleAndStaysOnTheNeighbours() {
        // one block: amax 2.625 at index 0 (total T0); the rest 2.25 * T0 = 0.984375: neighbours 2 and 3 (x T0)
        float[] x = new float[64];
        Arrays.fill(x, 0.984375f);
        x[0] = 2.625f;
        for (int b = 16; b < 64; b += 16) {
            x[b] = 2.625f;  // every block has the same amax, so every total is T0
        }
        NvFp4Format f = new NvFp4Format(Rounding.STOCHASTIC);
        float[] a = new float[64];
        f.quantize(x, new int[] {1, 64}, a, null, new SplittableRandom(9));
        float[] b = new float[64];
        f.quantize(x, new int[] {1, 64}, b, null, new SplittableRandom(9));
        assertArrayEquals(a, b);
        int up = 0;
        for (int i = 0; i < 64; i++) {
            if (i % 16 == 0) {
                assertEquals(2.625f, a[i]);
                continue;
            }
            assertTrue(a[i] == 0.875f || a[i] == 1.3125f, "2 * T0 or 3 * T0: " + a[i]);
            up += a[i] == 1.3125f ? 1 : 0;
        }
        assertTrue(up > 0 && up < 30, "some of 60 go up (expected 15): " + up);
        assertThrows(NullPointerException.class, () -> f.quantize(x, new int[] {1, 64}, new float[64], null, null));
    }

    @Test
    void tensorFormatsBuildsNvfp4OnlyForPerGroupSixteen() {
        TensorFormat f = TensorFormats.create(new FormatSpec("nvfp4", 4, true, Granularity.PER_GROUP, 16,
                Rounding.NEAREST_EVEN, false), null);
        assertInstanceOf(NvFp4Format.class, f);
        assertEquals("nvfp4", f.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                TensorFormats.create(new FormatSpec("nvfp4", 4, true, Granularity.PER_GROUP, 32,
                        Rounding.NEAREST_EVEN, false), null));
        assertTrue(e.getMessage().contains("16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TensorFormats.create(FormatSpec.of("nvfp4", 4), null));
        assertThrows(IllegalArgumentException.class, () -> TensorFormats.create(new FormatSpec("nvfp4", 8, true,
                Granularity.PER_GROUP, 16, Rounding.NEAREST_EVEN, false), null));
    }
}
