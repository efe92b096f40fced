package dev.ablate.compress.quant.integer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector kernels against plain scalar loops, bit for bit, on random sizes around the vector length. */
class Int8KernelsTest {

    private static final int LANES = Int8Kernels.BYTES.length();

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
            Int8Kernels.gemm(a, aOff, rows, w, outs, k, c, cOff, rowStride, colStride);
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
        int k = 4 * LANES + 3;
        byte[] a = new byte[k];
        java.util.Arrays.fill(a, (byte) -128);
        assertEquals(k * 16384, Int8Kernels.dot(a, 0, a, 0, k));
        byte[] b = new byte[k];
        java.util.Arrays.fill(b, (byte) 127);
        assertEquals(k * -16256, Int8Kernels.dot(a, 0, b, 0, k));
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
            byte[] col = new byte[oh * ow * k];
            Int8Kernels.im2col(x, xOff, ch, h, w, kernel, stride, pad, padCode, oh, ow, col);
            for (int p = 0; p < oh * ow; p++) {
                for (int c = 0; c < ch; c++) {
                    for (int i = 0; i < kernel; i++) {
                        for (int j = 0; j < kernel; j++) {
                            int y = (p / ow) * stride + i - pad;
                            int xx = (p % ow) * stride + j - pad;
                            byte expected = y < 0 || y >= h || xx < 0 || xx >= w ? padCode : x[xOff + (c * h + y) * w + xx];
                            assertEquals(expected, col[p * k + (c * kernel + i) * kernel + j]);
                        }
                    }
                }
            }
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
