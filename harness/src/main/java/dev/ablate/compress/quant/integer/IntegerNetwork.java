package dev.ablate.compress.quant.integer;

import dev.ablate.compress.quant.ActivationSites;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.QParams;
import dev.ablate.nn.BatchNorm;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Dropout;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.MaxPool2d;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.ReLU;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network converted for integer-only inference (Jacob et al. 2018): activations are 8-bit codes, every
 * {@link Linear} and {@link Conv2d} multiplies int8 weight codes with them into int32 accumulators
 * ({@link Int8Kernels}), and each {@link ActivationSites} site requantizes with a fixed-point multiplier
 * ({@link FixedPointMultiplier}). Only the input is quantized from float and only the logits are dequantized.
 *
 * <p>Per weight layer with input grid {@code (s_in, z_in)}, weight scales {@code s_w[c]} (zero point 0) and output
 * grid {@code (s_out, z_out)}:
 * <pre>
 *   acc[c]  = sum (q_in - z_in) * q_w[c]  + round_half_even(b[c] / (s_in * s_w[c]))
 *   q_out   = clamp(z_out + M_c(acc[c]), qmin, qmax),   M_c = s_in * s_w[c] / s_out as (M0, shift)
 * </pre>
 * The zero-point term is folded into the bias ({@code sum (q_in - z_in) w = sum q_in w - z_in sum w}); a ReLU that
 * {@link ActivationSites} fuses raises {@code qmin} to {@code z_out}; MaxPool2d, Flatten and Dropout act on the codes
 * directly (a standalone ReLU clamps at the zero point); convolution padding is filled with {@code z_in}, the code
 * of 0.0. The last weight layer's accumulators become logits {@code acc[c] * s_in * s_w[c]}.
 *
 * <p>Codes are held as signed bytes: an unsigned grid's code {@code q} is stored as {@code q - 128}, a signed one as
 * itself, so one s8 x s8 kernel serves u8 and s8 activations (the zero point moves with the codes, the products
 * {@code (q - z) w} do not change).
 *
 * <p>Buffers grow to the largest batch chunk seen and are reused; like {@link Network}, an instance is not
 * thread-safe.
 */
public final class IntegerNetwork {

    /** Examples per chunk in {@link #logits}, as in {@link Network}. */
    private static final int CHUNK = 256;
    /** Bytes per activation site in the packed model: a float32 scale and an 8-bit zero point. */
    private static final int SITE_BYTES = 5;

    private final Grid input;
    private final int inputSize;
    private final List<Op> body;
    private final WeightLayer head;
    private final float[] logitScales;
    private final long packedBytes;
    private final long fp32Bytes;
    private byte[] codes = new byte[0];

    private IntegerNetwork(Grid input, int inputSize, List<Op> body, WeightLayer head, float[] logitScales,
                           long packedBytes, long fp32Bytes) {
        this.input = input;
        this.inputSize = inputSize;
        this.body = List.copyOf(body);
        this.head = head;
        this.logitScales = logitScales;
        this.packedBytes = packedBytes;
        this.fp32Bytes = fp32Bytes;
    }

    /**
     * Converts a network.
     *
     * @param folded           fp32 network with BatchNorm folded ({@link dev.ablate.nn.BatchNormFolding#fold}) and
     *                         every Linear/Conv2d weight fake-quantized on a signed symmetric grid of at most 8 bits
     * @param weightParams     the weight grids by layer name ({@code fc1}): per tensor or per output channel, zero
     *                         points 0
     * @param activationParams per-tensor grids, one per site of {@code ActivationSites.after(folded.layers())}, in
     *                         that order (the input first)
     * @param activationRange  the codes of every activation grid: at most 8 bits, unsigned (within [0, 255]) or
     *                         signed (within [-128, 127])
     * @throws IllegalArgumentException naming the layer or site, if a layer has no integer implementation (Tanh,
     *                                  AvgPool2d, an unfolded BatchNorm, anything after the last weight layer but
     *                                  Flatten and Dropout), a weight is off its grid, outside int8 or has no or
     *                                  asymmetric params, the number of activation grids does not match the sites,
     *                                  a grid is not per tensor, or a range needs more than 8 bits
     */
    public static IntegerNetwork convert(Network folded, Map<String, QParams> weightParams,
                                         List<QParams> activationParams, IntRange activationRange) {
        Objects.requireNonNull(weightParams, "weightParams");
        List<Layer> layers = folded.layers();
        int[] sites = ActivationSites.after(layers);
        List<Grid> grids = grids(layers, sites, activationParams, activationRange);
        int last = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (isWeightLayer(layers.get(i))) {
                last = i;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("network has no Linear or Conv2d layer to convert: " + folded);
        }
        Grid grid = grids.get(0);
        int site = 1;
        List<Op> body = new ArrayList<>();
        long bytes = (long) SITE_BYTES * sites.length;
        for (int i = 0; i < last; i++) {
            Layer l = layers.get(i);
            if (isWeightLayer(l)) {
                boolean relu = layers.get(i + 1) instanceof ReLU;
                int at = relu ? i + 1 : i;
                if (sites[site] != at) {
                    throw new IllegalStateException("ActivationSites put site " + site + " after layer " + sites[site]
                            + ", expected after layer " + at + " (" + l.name() + ")");
                }
                Grid out = grids.get(site++);
                Requantize op = new Requantize(WeightLayer.of(l, weightParams, grid), grid, out, relu);
                bytes += op.packedBytes();
                body.add(op);
                grid = out;
                if (relu) {
                    i++;
                }
            } else if (l instanceof MaxPool2d p) {
                body.add(new MaxPool(p));
            } else if (l instanceof ReLU) {
                body.add(new Relu(grid, l.outputSize()));
            } else if (!(l instanceof Flatten || l instanceof Dropout)) {
                throw unsupported(l, i);
            }
        }
        for (int i = last + 1; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!(l instanceof Flatten || l instanceof Dropout)) {
                throw new IllegalArgumentException("layer " + i + " '" + l.name() + "' (" + l.getClass().getSimpleName()
                        + ") follows the last weight layer '" + layers.get(last).name() + "', whose int32 accumulators "
                        + "are dequantized to the logits: only Flatten and Dropout may follow it");
            }
        }
        WeightLayer head = WeightLayer.of(layers.get(last), weightParams, grid);
        bytes += head.packedBytes();
        float[] logitScales = new float[head.channels];
        for (int c = 0; c < logitScales.length; c++) {
            logitScales[c] = (float) ((double) grid.scale() * head.weightScales[c]);
        }
        return new IntegerNetwork(grids.get(0), folded.inputSize(), body, head, logitScales, bytes,
                4 * folded.parameterCount());
    }

    private static boolean isWeightLayer(Layer l) {
        return l instanceof Linear || l instanceof Conv2d;
    }

    private static IllegalArgumentException unsupported(Layer l, int index) {
        String what = "layer " + index + " '" + l.name() + "' (" + l.getClass().getSimpleName() + ")";
        if (l instanceof BatchNorm) {
            return new IllegalArgumentException(what + " is not folded: fold BatchNorm into the preceding layer first "
                    + "(BatchNormFolding.fold)");
        }
        return new IllegalArgumentException(what + " has no integer-only implementation (supported: Linear, Conv2d, "
                + "ReLU, MaxPool2d, Flatten, Dropout)");
    }

    private static List<Grid> grids(List<Layer> layers, int[] sites, List<QParams> params, IntRange range) {
        Objects.requireNonNull(params, "activationParams");
        boolean unsigned = range.min() >= 0 && range.max() <= 255;
        boolean signed = range.min() >= -128 && range.max() <= 127;
        if (!unsigned && !signed) {
            throw new IllegalArgumentException("activation range [" + range.min() + ", " + range.max() + "] needs more "
                    + "than 8 bits; integer inference supports ranges within [0, 255] or [-128, 127]");
        }
        if (params.size() != sites.length) {
            throw new IllegalArgumentException("expected " + sites.length + " activation QParams, one per site after "
                    + "layers " + Arrays.toString(sites) + " (ActivationSites.after; -1 is the input), got "
                    + params.size());
        }
        List<Grid> grids = new ArrayList<>();
        for (int s = 0; s < sites.length; s++) {
            QParams q = params.get(s);
            String where = "activation site " + s + " (" + (sites[s] < 0 ? "the input"
                    : "after layer '" + layers.get(sites[s]).name() + "'") + ")";
            if (!q.perTensor()) {
                throw new IllegalArgumentException(where + ": activation QParams must be per tensor, got "
                        + q.channelCount() + " channels");
            }
            int zp = q.zeroPoints()[0];
            if (!range.contains(zp)) {
                throw new IllegalArgumentException(where + ": zero point " + zp + " is outside the range ["
                        + range.min() + ", " + range.max() + "]");
            }
            grids.add(new Grid(q.scales()[0], zp, range));
        }
        return grids;
    }

    /** Features per input example. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of logits. */
    public int classCount() {
        return head.channels * head.pixels;
    }

    /**
     * The deployed model's size in bytes: 1 per weight, per weight layer 4 per weight scale and 4 per int32 bias,
     * per requantizing layer 4 + 1 per output channel (multiplier and shift), and {@value #SITE_BYTES} per
     * activation site (float32 scale, 8-bit zero point).
     */
    public long packedBytes() {
        return packedBytes;
    }

    /** The size of the network this was converted from, stored as float32: 4 bytes per parameter. */
    public long fp32Bytes() {
        return fp32Bytes;
    }

    /**
     * Batch inference: quantizes the input with the input site's grid (the rounding of
     * {@link dev.ablate.compress.quant.FakeQuantizer}: {@code z + rint(x * fl32(1/s))}, clamped), runs the integer
     * layers and dequantizes the logits.
     *
     * @param x {@code n * inputSize()} features, row-major
     * @param n number of examples
     * @return a new array of {@code n * classCount()} logits
     * @throws IllegalArgumentException if {@code x} is shorter than {@code n * inputSize()}
     */
    public float[] logits(float[] x, int n) {
        int d = inputSize;
        int classes = classCount();
        if (n < 0 || (long) n * d > x.length) {
            throw new IllegalArgumentException(n + " examples of " + d + " features do not fit an array of " + x.length);
        }
        float[] result = new float[n * classes];
        if (codes.length < Math.min(n, CHUNK) * d) {
            codes = new byte[Math.min(n, CHUNK) * d];
        }
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            input.quantize(x, start * d, m * d, codes);
            byte[] a = codes;
            for (Op op : body) {
                a = op.forward(a, m);
            }
            int[] acc = head.accumulate(a, m);
            int outOff = start * classes;
            for (int r = 0, i = 0; r < m; r++) {
                for (int c = 0; c < head.channels; c++) {
                    for (int p = 0; p < head.pixels; p++, i++) {
                        result[outOff + i] = (acc[i] + head.offset[c]) * logitScales[c];
                    }
                }
            }
        }
        return result;
    }

    /** Predicted class per example: index of the largest logit, the first one on ties (as {@link Network#predict}). */
    public int[] predict(float[] x, int n) {
        return Network.predictions(logits(x, n), n, classCount());
    }

    /**
     * The 8-bit grid of one activation site; codes are stored as {@code q - offset()}.
     */
    private record Grid(float scale, int zeroPoint, IntRange range) {

        int offset() {
            return range.min() >= 0 ? 128 : 0;
        }

        int storedZero() {
            return zeroPoint - offset();
        }

        int storedMin() {
            return range.min() - offset();
        }

        int storedMax() {
            return range.max() - offset();
        }

        /** FakeQuantizer's code rule, stored with the offset. */
        void quantize(float[] x, int from, int len, byte[] out) {
            float inv = 1f / scale;
            int off = offset();
            for (int i = 0; i < len; i++) {
                double code = zeroPoint + Math.rint(x[from + i] * inv);
                out[i] = (byte) ((int) Math.max(range.min(), Math.min(range.max(), code)) - off);
            }
        }
    }

    /** One integer layer from stored codes to stored codes, owning its output buffer. */
    private sealed interface Op permits Requantize, MaxPool, Relu {
        byte[] forward(byte[] x, int n);
    }

    /** A weight layer whose accumulators are requantized to the next site's grid, ReLU fused or not. */
    private static final class Requantize implements Op {
        private final WeightLayer layer;
        private final FixedPointMultiplier[] multipliers;
        private final Grid out;
        private final int min;
        private byte[] y = new byte[0];

        Requantize(WeightLayer layer, Grid in, Grid out, boolean relu) {
            this.layer = layer;
            this.out = out;
            this.min = relu ? Math.max(out.storedMin(), out.storedZero()) : out.storedMin();
            this.multipliers = new FixedPointMultiplier[layer.channels];
            for (int c = 0; c < multipliers.length; c++) {
                multipliers[c] = FixedPointMultiplier.of((double) in.scale() * layer.weightScales[c] / out.scale());
            }
        }

        long packedBytes() {
            return layer.packedBytes() + 5L * layer.channels;
        }

        @Override
        public byte[] forward(byte[] x, int n) {
            int len = n * layer.channels * layer.pixels;
            if (y.length < len) {
                y = new byte[len];
            }
            Int8Kernels.requantize(layer.accumulate(x, n), len, layer.channels, layer.pixels, layer.offset, multipliers,
                    out.storedZero(), min, out.storedMax(), y);
            return y;
        }
    }

    /** MaxPool2d on the codes. */
    private static final class MaxPool implements Op {
        private final int channels;
        private final int height;
        private final int width;
        private final int kernel;
        private final int stride;
        private final int outHeight;
        private final int outWidth;
        private byte[] y = new byte[0];

        MaxPool(MaxPool2d p) {
            int[] in = p.inputShape();
            int[] out = p.outputShape();
            channels = in[0];
            height = in[1];
            width = in[2];
            kernel = p.kernel();
            stride = p.stride();
            outHeight = out[1];
            outWidth = out[2];
        }

        @Override
        public byte[] forward(byte[] x, int n) {
            int len = n * channels * outHeight * outWidth;
            if (y.length < len) {
                y = new byte[len];
            }
            Int8Kernels.maxPool(x, n * channels, height, width, kernel, stride, outHeight, outWidth, y);
            return y;
        }
    }

    /** A ReLU not fused into a weight layer: codes below the zero point become the zero point, in place. */
    private record Relu(Grid grid, int size) implements Op {
        @Override
        public byte[] forward(byte[] x, int n) {
            byte zero = (byte) grid.storedZero();
            for (int i = 0; i < n * size; i++) {
                x[i] = (byte) Math.max(x[i], zero);
            }
            return x;
        }
    }

    /**
     * A Linear ({@code pixels = 1}) or Conv2d as int8 weight codes {@code [channels, k]} and the per-channel int32
     * {@code offset = bias_q - z_in * sum w}; produces the raw accumulators {@code [n, channels, pixels]}.
     */
    private static final class WeightLayer {
        final int channels;
        final int pixels;
        final int k;
        final int kp;
        final int inSize;
        /** Weight codes {@code [channels, kp]} widened and zero-padded for {@link Int8Kernels#gemm}. */
        final short[] weights;
        final float[] weightScales;
        final int scaleCount;
        final int[] offset;
        final int[] convShape;
        final byte padCode;
        private int[] acc = new int[0];
        private short[] wide = new short[0];

        private WeightLayer(Layer l, Parameter weight, Parameter bias, QParams wq, Grid in, int[] convShape) {
            String name = l.name();
            this.channels = weight.shape()[0];
            this.k = weight.size() / channels;
            this.kp = Int8Kernels.paddedLength(k);
            this.inSize = l.inputSize();
            this.pixels = l.outputSize() / channels;
            this.convShape = convShape;
            this.padCode = (byte) in.storedZero();
            if (k > Int8Kernels.MAX_DOT_LENGTH) {
                throw new IllegalArgumentException("layer '" + name + "': " + k + " inputs per output exceed the "
                        + Int8Kernels.MAX_DOT_LENGTH + " that an int32 accumulator holds exactly");
            }
            float[] scales = wq.scales();
            int[] zps = wq.zeroPoints();
            if (scales.length != 1 && scales.length != channels) {
                throw new IllegalArgumentException("layer '" + name + "': " + scales.length + " weight scales for "
                        + channels + " output channels; need 1 (per tensor) or " + channels + " (per channel)");
            }
            this.scaleCount = scales.length;
            this.weightScales = new float[channels];
            byte[] codes = new byte[weight.size()];
            this.offset = new int[channels];
            float[] w = weight.data();
            float[] b = bias.data();
            for (int c = 0; c < channels; c++) {
                int g = scales.length == 1 ? 0 : c;
                if (zps[g] != 0) {
                    throw new IllegalArgumentException("layer '" + name + "': weights must be symmetric (zero point 0),"
                            + " channel " + c + " has zero point " + zps[g]);
                }
                float s = scales[g];
                weightScales[c] = s;
                long sum = 0;
                for (int i = c * k; i < (c + 1) * k; i++) {
                    double q = Math.rint(w[i] / s);
                    if (q < Byte.MIN_VALUE || q > Byte.MAX_VALUE) {
                        throw new IllegalArgumentException("layer '" + name + "': " + weight.name() + "[" + i + "] = "
                                + w[i] + " is code " + (long) q + " at scale " + s + ", outside int8 [-128, 127]: "
                                + "weights of more than 8 bits are not supported");
                    }
                    if ((float) q * s != w[i]) {
                        throw new IllegalArgumentException("layer '" + name + "': " + weight.name() + "[" + i + "] = "
                                + w[i] + " is not on the grid of scale " + s + ": fake-quantize the weights first");
                    }
                    codes[i] = (byte) q;
                    sum += (long) q;
                }
                double biasCode = Math.rint(b[c] / ((double) in.scale() * s));
                double off = biasCode - (double) in.storedZero() * sum;
                if (Math.abs(off) + (double) k * (1 << 14) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("layer '" + name + "': channel " + c + "'s bias " + b[c]
                            + " is " + biasCode + " steps of s_in * s_w = " + (double) in.scale() * s
                            + ", too large for an int32 accumulator");
                }
                offset[c] = (int) off;
            }
            this.weights = Int8Kernels.pack(codes, channels, k);
        }

        static WeightLayer of(Layer l, Map<String, QParams> weightParams, Grid in) {
            QParams wq = weightParams.get(l.name());
            if (wq == null) {
                throw new IllegalArgumentException("layer '" + l.name() + "': no weight QParams (weightParams has "
                        + weightParams.keySet() + ")");
            }
            if (l instanceof Conv2d conv) {
                int[] s = conv.inputShape();
                int[] o = conv.outputShape();
                return new WeightLayer(l, conv.weight(), conv.bias(), wq, in, new int[] {s[0], s[1], s[2],
                        conv.kernel(), conv.stride(), conv.padding(), o[1], o[2]});
            }
            Linear lin = (Linear) l;
            return new WeightLayer(l, lin.weight(), lin.bias(), wq, in, null);
        }

        /** 1 byte per weight (the deployed int8 codes, not their widened runtime copy), 4 per scale, 4 per int32 bias. */
        long packedBytes() {
            return (long) channels * k + 4L * scaleCount + 4L * channels;
        }

        /**
         * Whether the convolution vectorises over pixels ({@link Int8Kernels#convGemm}) rather than over the reduction
         * ({@link Int8Kernels#gemm}): for short reductions, which waste padded lanes and pay a cross-lane sum per
         * output. Measured on this project's shapes: 4-8x faster at k = 9 and 25, 2x slower at k = 150 and 288.
         */
        private boolean byPixels() {
            return k <= 2 * Int8Kernels.LANES;
        }

        int[] accumulate(byte[] x, int n) {
            int len = n * channels * pixels;
            if (acc.length < len) {
                acc = new int[len];
            }
            int size = convShape == null ? n * kp : byPixels() ? k * Int8Kernels.paddedLength(pixels) : pixels * kp;
            if (wide.length < size) {
                wide = new short[size];
            }
            if (convShape == null) {
                Int8Kernels.widen(x, 0, n, k, wide);
                Int8Kernels.gemm(wide, 0, n, weights, channels, kp, acc, 0, channels, 1);
                return acc;
            }
            int[] g = convShape;
            for (int m = 0; m < n; m++) {
                if (byPixels()) {
                    Int8Kernels.im2colTransposed(x, m * inSize, g[0], g[1], g[2], g[3], g[4], g[5], padCode, g[6],
                            g[7], wide);
                    Int8Kernels.convGemm(wide, pixels, k, weights, channels, kp, acc, m * channels * pixels);
                } else {
                    Int8Kernels.im2col(x, m * inSize, g[0], g[1], g[2], g[3], g[4], g[5], padCode, g[6], g[7], wide);
                    Int8Kernels.gemm(wide, 0, pixels, weights, channels, kp, acc, m * channels * pixels, 1, pixels);
                }
            }
            return acc;
        }
    }
}
