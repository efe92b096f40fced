package dev.ablate.compress.quant.integer;

import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The integer kernels of {@link IntegerNetwork}: signed 8-bit x signed 8-bit dot products and GEMM with int32
 * accumulation, im2col and max pooling on 8-bit codes, and fixed-point requantization.
 *
 * <p><b>Layout.</b> The GEMM works on codes already widened to {@code short}: weights once at conversion
 * ({@link #pack}), activations once per layer ({@link #widen}, {@link #im2col}), each row zero-padded to a multiple
 * of {@link #LANES} so every dot product is whole vectors (a zero weight cancels whatever the padding holds; the
 * padding is written as zeros anyway). Every vector has the one shape of {@code SPECIES_MAX} (mixing
 * species de-optimises the JIT): no lane-count-changing casts are needed.
 *
 * <p><b>Accumulating 16-bit products.</b> {@code |a * w| <= 2^14}, so a {@code ShortVector} multiply is exact. Read
 * as ints, each lane holds two products, {@code hi * 2^16 + (lo & 0xFFFF)}; flipping bit 15 gives
 * {@code q = hi * 2^16 + (lo + 2^15)} with the low half in {@code [0, 2^16)}. Summing {@code q} into {@code R} and
 * {@code q >> 16 = hi} into {@code H} over {@code N} steps gives, modulo {@code 2^32},
 * {@code R - 65535 H = sum hi + sum lo + 2^15 N}: five operations per 32 products (multiply, xor, shift, two adds)
 * instead of a sign extension of each half. The true dot product fits an int32, so the wrap-around arithmetic
 * returns it exactly.
 *
 * <p>Every kernel returns the same integers as the scalar formula in its comment (the tests compare them on random
 * sizes). Accumulators are exact as long as {@code k * 2^14 < 2^31}; {@link IntegerNetwork} checks that bound at
 * conversion.
 */
public final class Int8Kernels {

    static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_MAX;
    static final VectorSpecies<Integer> INTS = IntVector.SPECIES_MAX;
    /** Rows are padded to a multiple of this many codes: the lanes of one short vector. */
    public static final int LANES = SHORTS.length();
    /** Output channels computed together, sharing each activation vector. */
    private static final int BLOCK = 4;

    /** Largest reduction length whose int32 accumulation cannot overflow: {@code k * 128 * 128 < 2^31}. */
    public static final int MAX_DOT_LENGTH = (Integer.MAX_VALUE >> 14) - 1;

    private Int8Kernels() {
    }

    /** {@code k} rounded up to a multiple of {@link #LANES}: the row stride of widened codes. */
    public static int paddedLength(int k) {
        return (k + LANES - 1) / LANES * LANES;
    }

    /**
     * Widens {@code rows} rows of {@code k} codes, {@code src[srcOff + r * k + t]}, into
     * {@code dst[r * paddedLength(k) + t]}, zeros in each row's padding.
     */
    public static void widen(byte[] src, int srcOff, int rows, int k, short[] dst) {
        int kp = paddedLength(k);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * k;
            int d = r * kp;
            for (int t = 0; t < k; t++) {
                dst[d + t] = src[s + t];
            }
            Arrays.fill(dst, d + k, d + kp, (short) 0);
        }
    }

    /** Weight codes {@code [outs, k]} as a new widened, padded {@code [outs, paddedLength(k)]} array. */
    public static short[] pack(byte[] w, int outs, int k) {
        short[] packed = new short[outs * paddedLength(k)];
        widen(w, 0, outs, k, packed);
        return packed;
    }

    /**
     * {@code c[cOff + r * rowStride + o * colStride] = sum_t a[aOff + r * kp + t] * w[o * kp + t]} for
     * {@code r < rows}, {@code o < outs}, {@code t < kp}: widened rows of {@code a} against widened rows of {@code w},
     * both {@code [*, kp]} row-major with {@code kp} a multiple of {@link #LANES}. The strides let the caller write
     * {@code [rows, outs]} ({@code rowStride = outs, colStride = 1}) or its transpose ({@code 1, rows}) without a
     * copy.
     */
    public static void gemm(short[] a, int aOff, int rows, short[] w, int outs, int kp, int[] c, int cOff,
                            int rowStride, int colStride) {
        if (kp % LANES != 0) {
            throw new IllegalArgumentException("row length " + kp + " is not a multiple of " + LANES);
        }
        int blocked = outs - outs % BLOCK;
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * kp;
            int cr = cOff + r * rowStride;
            for (int o = 0; o < blocked; o += BLOCK) {
                dot4(a, ar, w, o * kp, kp, c, cr + o * colStride, colStride);
            }
            for (int o = blocked; o < outs; o++) {
                c[cr + o * colStride] = dot(a, ar, w, o * kp, kp);
            }
        }
    }

    /** {@code sum_t a[aOff + t] * b[bOff + t]} over {@code t < kp}, {@code kp} a multiple of {@link #LANES}. */
    static int dot(short[] a, int aOff, short[] b, int bOff, int kp) {
        IntVector r = IntVector.zero(INTS);
        IntVector h = r;
        for (int t = 0; t < kp; t += LANES) {
            IntVector q = products(ShortVector.fromArray(SHORTS, a, aOff + t), b, bOff + t);
            r = r.add(q);
            h = h.add(q.lanewise(VectorOperators.ASHR, 16));
        }
        return total(r, h, kp);
    }

    /** Four dot products of one activation row with four consecutive weight rows, written {@code stride} apart. */
    private static void dot4(short[] a, int aOff, short[] w, int wOff, int kp, int[] c, int cOff, int stride) {
        IntVector r0 = IntVector.zero(INTS);
        IntVector r1 = r0;
        IntVector r2 = r0;
        IntVector r3 = r0;
        IntVector h0 = r0;
        IntVector h1 = r0;
        IntVector h2 = r0;
        IntVector h3 = r0;
        int w1 = wOff + kp;
        int w2 = w1 + kp;
        int w3 = w2 + kp;
        for (int t = 0; t < kp; t += LANES) {
            ShortVector x = ShortVector.fromArray(SHORTS, a, aOff + t);
            IntVector q0 = products(x, w, wOff + t);
            IntVector q1 = products(x, w, w1 + t);
            IntVector q2 = products(x, w, w2 + t);
            IntVector q3 = products(x, w, w3 + t);
            r0 = r0.add(q0);
            r1 = r1.add(q1);
            r2 = r2.add(q2);
            r3 = r3.add(q3);
            h0 = h0.add(q0.lanewise(VectorOperators.ASHR, 16));
            h1 = h1.add(q1.lanewise(VectorOperators.ASHR, 16));
            h2 = h2.add(q2.lanewise(VectorOperators.ASHR, 16));
            h3 = h3.add(q3.lanewise(VectorOperators.ASHR, 16));
        }
        c[cOff] = total(r0, h0, kp);
        c[cOff + stride] = total(r1, h1, kp);
        c[cOff + 2 * stride] = total(r2, h2, kp);
        c[cOff + 3 * stride] = total(r3, h3, kp);
    }

    /** The exact 16-bit products {@code x * w[wOff..]}, read as int lanes with bit 15 flipped (see class comment). */
    private static IntVector products(ShortVector x, short[] w, int wOff) {
        return x.mul(ShortVector.fromArray(SHORTS, w, wOff)).reinterpretAsInts()
                .lanewise(VectorOperators.XOR, 1 << 15);
    }

    /** {@code sum(R - 65535 H) - 2^15 * (products per int lane) * (int lanes)}, wrapping: the exact dot product. */
    private static int total(IntVector r, IntVector h, int kp) {
        int sum = r.sub(h.lanewise(VectorOperators.LSHL, 16)).add(h).reduceLanes(VectorOperators.ADD);
        return sum - (kp / 2) * (1 << 15);
    }

    /**
     * The convolution GEMM over pixels: {@code c[cOff + o * pixels + p] = sum_t w[o * kp + t] * col[t * pp + lane(p)]}
     * for {@code o < outs}, {@code p < pixels}, {@code t < k}, with {@code col} from {@link #im2colTransposed}
     * ({@code pp = paddedLength(pixels)}). Each weight is broadcast against a vector of pixels, so a small {@code k}
     * (a first convolution's 9 or 25) wastes no lanes and needs no reduction across lanes. A short vector holds the
     * pixels of one block of {@link #LANES} interleaved ({@link #lane}) so that, read as ints, the low halves are the
     * block's first half and the high halves its second: the pair trick of the class comment then yields both halves'
     * sums, in order.
     */
    public static void convGemm(short[] col, int pixels, int k, short[] w, int outs, int kp, int[] c, int cOff) {
        int pp = paddedLength(pixels);
        int[] tail = pixels % LANES == 0 ? null : new int[LANES];
        int blocked = outs - outs % BLOCK;
        for (int p = 0; p < pp; p += LANES) {
            for (int o = 0; o < blocked; o += BLOCK) {
                conv4(col, pp, p, k, w, o * kp, kp, c, cOff + o * pixels, pixels, tail);
            }
            for (int o = blocked; o < outs; o++) {
                IntVector r = IntVector.zero(INTS);
                IntVector h = r;
                for (int t = 0, wi = o * kp; t < k; t++, wi++) {
                    IntVector q = products(ShortVector.fromArray(SHORTS, col, t * pp + p), w[wi]);
                    r = r.add(q);
                    h = h.add(q.lanewise(VectorOperators.ASHR, 16));
                }
                store(r, h, k, c, cOff + o * pixels, p, pixels, tail);
            }
        }
    }

    /** Four output channels of one block of pixels; see {@link #convGemm}. */
    private static void conv4(short[] col, int pp, int p, int k, short[] w, int wOff, int kp, int[] c, int cOff,
                              int pixels, int[] tail) {
        IntVector r0 = IntVector.zero(INTS);
        IntVector r1 = r0;
        IntVector r2 = r0;
        IntVector r3 = r0;
        IntVector h0 = r0;
        IntVector h1 = r0;
        IntVector h2 = r0;
        IntVector h3 = r0;
        for (int t = 0; t < k; t++) {
            ShortVector x = ShortVector.fromArray(SHORTS, col, t * pp + p);
            int wi = wOff + t;
            IntVector q0 = products(x, w[wi]);
            IntVector q1 = products(x, w[wi + kp]);
            IntVector q2 = products(x, w[wi + 2 * kp]);
            IntVector q3 = products(x, w[wi + 3 * kp]);
            r0 = r0.add(q0);
            r1 = r1.add(q1);
            r2 = r2.add(q2);
            r3 = r3.add(q3);
            h0 = h0.add(q0.lanewise(VectorOperators.ASHR, 16));
            h1 = h1.add(q1.lanewise(VectorOperators.ASHR, 16));
            h2 = h2.add(q2.lanewise(VectorOperators.ASHR, 16));
            h3 = h3.add(q3.lanewise(VectorOperators.ASHR, 16));
        }
        store(r0, h0, k, c, cOff, p, pixels, tail);
        store(r1, h1, k, c, cOff + pixels, p, pixels, tail);
        store(r2, h2, k, c, cOff + 2 * pixels, p, pixels, tail);
        store(r3, h3, k, c, cOff + 3 * pixels, p, pixels, tail);
    }

    /** {@code x * w}, read as int lanes with bit 15 flipped. */
    private static IntVector products(ShortVector x, short w) {
        return x.mul(w).reinterpretAsInts().lanewise(VectorOperators.XOR, 1 << 15);
    }

    /**
     * Writes the per-pixel sums of one block starting at pixel {@code p}: the high halves {@code H} (second half of the
     * block) and the low halves {@code R - 2^16 H - 2^15 k} (first half), only the pixels below {@code pixels}.
     */
    private static void store(IntVector r, IntVector h, int k, int[] c, int cOff, int p, int pixels, int[] tail) {
        IntVector lo = r.sub(h.lanewise(VectorOperators.LSHL, 16)).sub(k << 15);
        int half = INTS.length();
        if (p + LANES <= pixels) {
            lo.intoArray(c, cOff + p);
            h.intoArray(c, cOff + p + half);
        } else {
            lo.intoArray(tail, 0);
            h.intoArray(tail, half);
            System.arraycopy(tail, 0, c, cOff + p, pixels - p);
        }
    }

    /** Position of pixel {@code p} in its block of {@link #LANES}: first half at even lanes, second half at odd. */
    static int lane(int p) {
        int block = p - p % LANES;
        int j = p % LANES;
        int half = LANES / 2;
        return block + (j < half ? 2 * j : 2 * (j - half) + 1);
    }

    /**
     * im2col of one NCHW example of 8-bit codes, widened and transposed for {@link #convGemm}: row
     * {@code t = (c * kernel + i) * kernel + j} holds, for each output pixel {@code p = oh * OW + ow} at position
     * {@link #lane}{@code (p)}, {@code x[xOff + c*H*W + (oh*stride + i - pad) * W + ow*stride + j - pad]} or
     * {@code padCode} (the code of 0.0) where the window hangs over the border; rows are
     * {@code pp = paddedLength(OH * OW)} long, zeros past the last pixel.
     */
    public static void im2colTransposed(byte[] x, int xOff, int channels, int height, int width, int kernel,
                                        int stride, int pad, byte padCode, int outHeight, int outWidth, short[] col) {
        int pixels = outHeight * outWidth;
        int pp = paddedLength(pixels);
        int t = 0;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * height * width;
            for (int i = 0; i < kernel; i++) {
                for (int j = 0; j < kernel; j++, t++) {
                    int row = t * pp;
                    int p = 0;
                    for (int oh = 0; oh < outHeight; oh++) {
                        int h = oh * stride + i - pad;
                        boolean rowInside = h >= 0 && h < height;
                        for (int ow = 0; ow < outWidth; ow++, p++) {
                            int ww = ow * stride + j - pad;
                            col[row + lane(p)] = rowInside && ww >= 0 && ww < width ? x[plane + h * width + ww] : padCode;
                        }
                    }
                    for (; p < pp; p++) {
                        col[row + lane(p)] = 0;
                    }
                }
            }
        }
    }

    /**
     * im2col of one NCHW example of 8-bit codes for a square-kernel convolution, widened, as rows of one output pixel
     * each: {@code col[p * kp + (c * kernel + i) * kernel + j] = x[xOff + c*H*W + (oh*stride + i - pad) * W + ow*stride + j - pad]}
     * with {@code p = oh * OW + ow}, {@code kp = paddedLength(C * kernel * kernel)}, {@code padCode} (the code of 0.0)
     * where the window hangs over the border and zeros in each row's padding.
     */
    public static void im2col(byte[] x, int xOff, int channels, int height, int width, int kernel, int stride,
                              int pad, byte padCode, int outHeight, int outWidth, short[] col) {
        int k = channels * kernel * kernel;
        int kp = paddedLength(k);
        for (int oh = 0; oh < outHeight; oh++) {
            for (int ow = 0; ow < outWidth; ow++) {
                int rowStart = (oh * outWidth + ow) * kp;
                int dst = rowStart;
                int w0 = ow * stride - pad;
                boolean inside = w0 >= 0 && w0 + kernel <= width;
                for (int c = 0; c < channels; c++) {
                    int plane = xOff + c * height * width;
                    for (int i = 0; i < kernel; i++, dst += kernel) {
                        int h = oh * stride + i - pad;
                        if (h < 0 || h >= height) {
                            Arrays.fill(col, dst, dst + kernel, padCode);
                            continue;
                        }
                        int row = plane + h * width + w0;
                        if (inside) {
                            for (int j = 0; j < kernel; j++) {
                                col[dst + j] = x[row + j];
                            }
                        } else {
                            for (int j = 0; j < kernel; j++) {
                                int ww = w0 + j;
                                col[dst + j] = ww < 0 || ww >= width ? padCode : x[row + j];
                            }
                        }
                    }
                }
                Arrays.fill(col, rowStart + k, rowStart + kp, (short) 0);
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
