package dev.ablate.compress.quant.integer;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The integer kernels of {@link IntegerNetwork}: signed 8-bit x signed 8-bit dot products and GEMM with int32
 * accumulation, im2col and max pooling on 8-bit codes, and fixed-point requantization.
 *
 * <p><b>Widening without changing shape.</b> Every vector has the one shape of {@code SPECIES_MAX} (DESIGN.md
 * section 5: mixing species de-optimises the JIT), so bytes are widened by reinterpretation and shifts instead of
 * lane-count-changing casts: a byte vector read as shorts holds two bytes per lane, {@code s >> 8} and
 * {@code (s << 8) >> 8} sign-extend them; the 16-bit products ({@code |a * w| <= 2^14}, exact) read as ints hold two
 * products per lane, extracted the same way with 16-bit shifts and added into int32 lanes. A dot product does not
 * care which lane a product lands in, so the pairing needs no shuffles.
 *
 * <p>Every kernel returns the same integers as the scalar formula in its comment (the tests compare them on random
 * sizes, tails included). Accumulators are exact as long as {@code k * 2^14 < 2^31}; {@link IntegerNetwork} checks
 * that bound at conversion.
 */
public final class Int8Kernels {

    static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_MAX;
    static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_MAX;
    static final VectorSpecies<Integer> INTS = IntVector.SPECIES_MAX;
    private static final int BYTE_LANES = BYTES.length();
    /** Output channels computed together, sharing each widened activation vector. */
    private static final int BLOCK = 4;

    /** Largest reduction length whose int32 accumulation cannot overflow: {@code k * 128 * 128 < 2^31}. */
    public static final int MAX_DOT_LENGTH = (Integer.MAX_VALUE >> 14) - 1;

    private Int8Kernels() {
    }

    /**
     * {@code c[cOff + r * rowStride + o * colStride] = sum_t a[aOff + r * k + t] * w[o * k + t]} for
     * {@code r < rows}, {@code o < outs}: rows of {@code a} against rows of {@code w}, both {@code [*, k]} row-major.
     * The strides let the caller write {@code [rows, outs]} ({@code rowStride = outs, colStride = 1}) or its
     * transpose ({@code 1, rows}) without a copy.
     */
    public static void gemm(byte[] a, int aOff, int rows, byte[] w, int outs, int k, int[] c, int cOff,
                            int rowStride, int colStride) {
        int blocked = outs - outs % BLOCK;
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * k;
            int cr = cOff + r * rowStride;
            for (int o = 0; o < blocked; o += BLOCK) {
                dot4(a, ar, w, o * k, k, c, cr + o * colStride, colStride);
            }
            for (int o = blocked; o < outs; o++) {
                c[cr + o * colStride] = dot(a, ar, w, o * k, k);
            }
        }
    }

    /** {@code sum_t a[aOff + t] * b[bOff + t]} over {@code t < k}, in int32. */
    public static int dot(byte[] a, int aOff, byte[] b, int bOff, int k) {
        int bound = BYTES.loopBound(k);
        IntVector acc = IntVector.zero(INTS);
        for (int t = 0; t < bound; t += BYTE_LANES) {
            ShortVector as = ByteVector.fromArray(BYTES, a, aOff + t).reinterpretAsShorts();
            ShortVector bs = ByteVector.fromArray(BYTES, b, bOff + t).reinterpretAsShorts();
            acc = accumulate(acc, high(as).mul(high(bs)));
            acc = accumulate(acc, low(as).mul(low(bs)));
        }
        int sum = acc.reduceLanes(VectorOperators.ADD);
        for (int t = bound; t < k; t++) {
            sum += a[aOff + t] * b[bOff + t];
        }
        return sum;
    }

    /** Four dot products of one activation row with four consecutive weight rows, written {@code stride} apart. */
    private static void dot4(byte[] a, int aOff, byte[] w, int wOff, int k, int[] c, int cOff, int stride) {
        int bound = BYTES.loopBound(k);
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = acc0;
        IntVector acc2 = acc0;
        IntVector acc3 = acc0;
        int w1 = wOff + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        for (int t = 0; t < bound; t += BYTE_LANES) {
            ShortVector as = ByteVector.fromArray(BYTES, a, aOff + t).reinterpretAsShorts();
            ShortVector ah = high(as);
            ShortVector al = low(as);
            acc0 = accumulate(acc0, ah, al, w, wOff + t);
            acc1 = accumulate(acc1, ah, al, w, w1 + t);
            acc2 = accumulate(acc2, ah, al, w, w2 + t);
            acc3 = accumulate(acc3, ah, al, w, w3 + t);
        }
        int s0 = acc0.reduceLanes(VectorOperators.ADD);
        int s1 = acc1.reduceLanes(VectorOperators.ADD);
        int s2 = acc2.reduceLanes(VectorOperators.ADD);
        int s3 = acc3.reduceLanes(VectorOperators.ADD);
        for (int t = bound; t < k; t++) {
            int x = a[aOff + t];
            s0 += x * w[wOff + t];
            s1 += x * w[w1 + t];
            s2 += x * w[w2 + t];
            s3 += x * w[w3 + t];
        }
        c[cOff] = s0;
        c[cOff + stride] = s1;
        c[cOff + 2 * stride] = s2;
        c[cOff + 3 * stride] = s3;
    }

    private static IntVector accumulate(IntVector acc, ShortVector ah, ShortVector al, byte[] w, int wOff) {
        ShortVector ws = ByteVector.fromArray(BYTES, w, wOff).reinterpretAsShorts();
        return accumulate(accumulate(acc, ah.mul(high(ws))), al.mul(low(ws)));
    }

    /** The odd bytes of each short lane, sign-extended. */
    private static ShortVector high(ShortVector s) {
        return s.lanewise(VectorOperators.ASHR, 8);
    }

    /** The even bytes of each short lane, sign-extended. */
    private static ShortVector low(ShortVector s) {
        return s.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8);
    }

    /** Adds both 16-bit products of each int lane, sign-extended, to the int32 accumulator. */
    private static IntVector accumulate(IntVector acc, ShortVector products) {
        IntVector p = products.reinterpretAsInts();
        return acc.add(p.lanewise(VectorOperators.ASHR, 16))
                .add(p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
    }

    /**
     * im2col of one NCHW example of 8-bit codes for a square-kernel convolution, as rows of one output pixel each:
     * {@code col[p * K + (c * kernel + i) * kernel + j] = x[xOff + c*H*W + (oh*stride + i - pad) * W + ow*stride + j - pad]}
     * with {@code p = oh * OW + ow} and {@code K = C * kernel * kernel}, and {@code padCode} (the code of 0.0) where
     * the window hangs over the border.
     */
    public static void im2col(byte[] x, int xOff, int channels, int height, int width, int kernel, int stride,
                              int pad, byte padCode, int outHeight, int outWidth, byte[] col) {
        int k = channels * kernel * kernel;
        for (int oh = 0; oh < outHeight; oh++) {
            for (int ow = 0; ow < outWidth; ow++) {
                int dst = (oh * outWidth + ow) * k;
                int w0 = ow * stride - pad;
                for (int c = 0; c < channels; c++) {
                    int plane = xOff + c * height * width;
                    for (int i = 0; i < kernel; i++, dst += kernel) {
                        int h = oh * stride + i - pad;
                        if (h < 0 || h >= height) {
                            Arrays.fill(col, dst, dst + kernel, padCode);
                            continue;
                        }
                        int row = plane + h * width;
                        for (int j = 0; j < kernel; j++) {
                            int ww = w0 + j;
                            col[dst + j] = ww < 0 || ww >= width ? padCode : x[row + ww];
                        }
                    }
                }
            }
        }
    }

    /**
     * Max pooling of {@code planes} planes of {@code height x width} 8-bit codes (no padding, floor mode), code by
     * code: the maximum commutes with the increasing map from codes to reals.
     */
    public static void maxPool(byte[] x, int planes, int height, int width, int kernel, int stride, int outHeight,
                               int outWidth, byte[] y) {
        int o = 0;
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * height * width;
            for (int oh = 0; oh < outHeight; oh++) {
                for (int ow = 0; ow < outWidth; ow++, o++) {
                    int start = base + oh * stride * width + ow * stride;
                    int best = Byte.MIN_VALUE;
                    for (int i = 0; i < kernel; i++) {
                        for (int j = 0; j < kernel; j++) {
                            best = Math.max(best, x[start + i * width + j]);
                        }
                    }
                    y[o] = (byte) best;
                }
            }
        }
    }

    /**
     * Requantizes int32 accumulators of {@code [n, channels, pixels]} into 8-bit codes:
     * {@code y[i] = clamp(zeroPoint + M_c(acc[i] + offset[c]), lo, hi)} with {@code c = (i / pixels) % channels} and
     * {@code M_c} applied by {@link FixedPointMultiplier#apply}. Scalar: it is one fixed-point multiply per output
     * against {@code k} multiply-adds per output in the GEMM, and int64 lane products do not vectorise on AVX2.
     */
    public static void requantize(int[] acc, int len, int channels, int pixels, int[] offset,
                                  FixedPointMultiplier[] multipliers, int zeroPoint, int lo, int hi, byte[] y) {
        int i = 0;
        while (i < len) {
            for (int c = 0; c < channels; c++) {
                FixedPointMultiplier m = multipliers[c];
                int off = offset[c];
                for (int end = i + pixels; i < end; i++) {
                    long q = (long) zeroPoint + m.apply(acc[i] + off);
                    y[i] = (byte) Math.max(lo, Math.min(hi, q));
                }
            }
        }
    }
}
