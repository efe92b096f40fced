package dev.ablate.compress.quant.integer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector kernels against plain scalar loops, bit for bit, on random sizes around the vector length. */
class Int8KernelsTest {

    private static final int LANES = Int8Kernels.LANES;

    private static byte[] randomBytes(SplittableRandom rng, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            // a quarter of the codes at the extremes, where -128 * -128 = 2^14 tests the 16-bit products
            b[i] = (byte) (rng.nextInt(4) == 0 ? (rng.nextBoolean() ? -128 : 127) : rng.nextInt(-128, 128));
        }
        return b;
    }

    @Test
    void gemmMatchesScalarReferenceOnRandomShapesAndStrides() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] ks = {1, 3, LANES - 1, LANES, LANES + 1, 2 * LANES + 5, 25, 500, 784};
        for (int trial = 0; trial < 60; trial++) {
            int rows = rng.nextInt(1, 9);
            int outs = rng.nextInt(1, 14);
            int k = trial < ks.length ? ks[trial] : rng.nextInt(1, 4 * LANES);
            int aOff = rng.nextInt(0, 5);
            byte[] a = randomBytes(rng, aOff + rows * k);
            byte[] w = randomBytes(rng, outs * k);
            boolean transposed = rng.nextBoolean();
            int rowStride = transposed ? 1 : outs;
            int colStride = transposed ? rows : 1;
            int cOff = rng.nextInt(0, 3);
            int[] c = new int[cOff + rows * outs];
            int kp = Int8Kernels.paddedLength(k);
            short[] wideA = new short[aOff + rows * kp];
            java.util.Arrays.fill(wideA, (short) 77);
            short[] rowsA = new short[rows * kp];
            Int8Kernels.widen(a, aOff, rows, k, rowsA);
            System.arraycopy(rowsA, 0, wideA, aOff, rowsA.length);
            Int8Kernels.gemm(wideA, aOff, rows, Int8Kernels.pack(w, outs, k), outs, kp, c, cOff, rowStride, colStride);
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < outs; o++) {
                    int expected = 0;
                    for (int t = 0; t < k; t++) {
                        expected += a[aOff + r * k + t] * w[o * k + t];
                    }
                    int got = c[cOff + r * rowStride + o * colStride];
                    assertEquals(expected, got, "rows=" + rows + " outs=" + outs + " k=" + k + " at " + r + "," + o);
                }
            }
        }
    }

    @Test
    void dotOfExtremesDoesNotOverflowIntermediates() {
        for (int k : new int[] {4 * LANES + 3, Int8Kernels.MAX_DOT_LENGTH}) {
            int kp = Int8Kernels.paddedLength(k);
            byte[] a = new byte[k];
            java.util.Arrays.fill(a, (byte) -128);
            byte[] b = new byte[k];
            java.util.Arrays.fill(b, (byte) 127);
            short[] wa = Int8Kernels.pack(a, 1, k);
            short[] wb = Int8Kernels.pack(b, 1, k);
            assertEquals(k * 16384, Int8Kernels.dot(wa, 0, wa, 0, kp));
            assertEquals(k * -16256, Int8Kernels.dot(wa, 0, wb, 0, kp));
            int[] c = new int[5];
            Int8Kernels.gemm(wa, 0, 1, Int8Kernels.pack(repeat(a, 5), 5, k), 5, kp, c, 0, 5, 1);
            assertArrayEquals(new int[] {k * 16384, k * 16384, k * 16384, k * 16384, k * 16384}, c);
        }
    }

    private static byte[] repeat(byte[] a, int times) {
        byte[] r = new byte[a.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(a, 0, r, i * a.length, a.length);
        }
        return r;
    }

    @Test
    void widenPadsEachRowWithZeros() {
        byte[] src = {9, -1, 2, -128, 127, 0, 5};
        short[] dst = new short[2 * Int8Kernels.paddedLength(3)];
        java.util.Arrays.fill(dst, (short) 3);
        Int8Kernels.widen(src, 1, 2, 3, dst);
        int kp = Int8Kernels.paddedLength(3);
        short[] expected = new short[dst.length];
        expected[0] = -1;
        expected[1] = 2;
        expected[2] = -128;
        expected[kp] = 127;
        expected[kp + 1] = 0;
        expected[kp + 2] = 5;
        assertArrayEquals(expected, dst);
    }

    @Test
    void im2colMatchesDirectIndexingWithPaddingAndStride() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 20; trial++) {
            int ch = rng.nextInt(1, 4);
            int h = rng.nextInt(3, 10);
            int w = rng.nextInt(3, 10);
            int kernel = rng.nextInt(1, 4);
            int stride = rng.nextInt(1, 3);
            int pad = rng.nextInt(0, 2);
            int oh = (h + 2 * pad - kernel) / stride + 1;
            int ow = (w + 2 * pad - kernel) / stride + 1;
            int xOff = rng.nextInt(0, 4);
            byte[] x = randomBytes(rng, xOff + ch * h * w);
            byte padCode = (byte) rng.nextInt(-128, 128);
            int k = ch * kernel * kernel;
            int kp = Int8Kernels.paddedLength(k);
            short[] col = new short[oh * ow * kp];
            java.util.Arrays.fill(col, (short) 1);
            Int8Kernels.im2col(x, xOff, ch, h, w, kernel, stride, pad, padCode, oh, ow, col);
            for (int p = 0; p < oh * ow; p++) {
                for (int c = 0; c < ch; c++) {
                    for (int i = 0; i < kernel; i++) {
                        for (int j = 0; j < kernel; j++) {
                            int y = (p / ow) * stride + i - pad;
                            int xx = (p % ow) * stride + j - pad;
                            byte expected = y < 0 || y >= h || xx < 0 || xx >= w ? padCode : x[xOff + (c * h + y) * w + xx];
                            assertEquals(expected, col[p * kp + (c * kernel + i) * kernel + j]);
                        }
                    }
                }
                for (int t = k; t < kp; t++) {
                    assertEquals(0, col[p * kp + t]);
                }
            }
        }
    }

    @Test
    void convGemmOverPixelsMatchesScalarConvolution() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 30; trial++) {
            int ch = rng.nextInt(1, 4);
            int h = rng.nextInt(3, 12);
            int w = rng.nextInt(3, 12);
            int kernel = rng.nextInt(1, 4);
            int stride = rng.nextInt(1, 3);
            int pad = rng.nextInt(0, 2);
            int oh = (h + 2 * pad - kernel) / stride + 1;
            int ow = (w + 2 * pad - kernel) / stride + 1;
            int outs = rng.nextInt(1, 10);
            int xOff = rng.nextInt(0, 4);
            byte[] x = randomBytes(rng, xOff + ch * h * w);
            byte[] wt = randomBytes(rng, outs * ch * kernel * kernel);
            byte padCode = (byte) rng.nextInt(-128, 128);
            int k = ch * kernel * kernel;
            int pixels = oh * ow;
            short[] col = new short[k * Int8Kernels.paddedLength(pixels)];
            java.util.Arrays.fill(col, (short) 5);
            Int8Kernels.im2colTransposed(x, xOff, ch, h, w, kernel, stride, pad, padCode, oh, ow, col);
            int cOff = rng.nextInt(0, 3);
            int[] c = new int[cOff + outs * pixels + 2];
            Int8Kernels.convGemm(col, pixels, k, Int8Kernels.pack(wt, outs, k), outs, Int8Kernels.paddedLength(k), c,
                    cOff);
            for (int o = 0; o < outs; o++) {
                for (int p = 0; p < pixels; p++) {
                    int expected = 0;
                    for (int c0 = 0; c0 < ch; c0++) {
                        for (int i = 0; i < kernel; i++) {
                            for (int j = 0; j < kernel; j++) {
                                int y = (p / ow) * stride + i - pad;
                                int xx = (p % ow) * stride + j - pad;
                                int code = y < 0 || y >= h || xx < 0 || xx >= w ? padCode : x[xOff + (c0 * h + y) * w + xx];
                                expected += code * wt[o * k + (c0 * kernel + i) * kernel + j];
                            }
                        }
                    }
                    assertEquals(expected, c[cOff + o * pixels + p], "trial " + trial + " at " + o + "," + p);
                }
            }
            assertEquals(0, c[cOff + outs * pixels]);
            assertEquals(0, c[cOff + outs * pixels + 1]);
        }
    }

    @Test
    void maxPoolTakesTheLargestCodeOfEachWindow() {
        SplittableRandom rng = new SplittableRandom(3);
        int planes = 3;
        int h = 7;
        int w = 6;
        byte[] x = randomBytes(rng, planes * h * w);
        int oh = (h - 3) / 2 + 1;
        int ow = (w - 3) / 2 + 1;
        byte[] y = new byte[planes * oh * ow];
        Int8Kernels.maxPool(x, planes, h, w, 3, 2, oh, ow, y);
        byte[] expected = new byte[y.length];
        for (int pl = 0, o = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    int best = -128;
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            best = Math.max(best, x[pl * h * w + (i * 2 + a) * w + j * 2 + b]);
                        }
                    }
                    expected[o] = (byte) best;
                }
            }
        }
        assertArrayEquals(expected, y);
    }
}
