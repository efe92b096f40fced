package dev.ablate.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * 2-D convolution (cross-correlation, as PyTorch's {@code nn.Conv2d}) with a square kernel, one stride and
 * symmetric zero padding: {@code out[n,o,i,j] = bias[o] + sum_{c,a,b} w[o,c,a,b] * xpad[n,c,i*s+a,j*s+b]}.
 * Parameters {@code <name>.weight} {@code [out, in, k, k]} and {@code <name>.bias} {@code [out]}; activations
 * NCHW. The input shape {@code [C, H, W]} is fixed at construction; the output is {@code [out, OH, OW]} with
 * {@code OH = (H + 2*padding - k) / stride + 1} (floor), likewise OW.
 *
 * <p>im2col unfolds a block of {@code M} examples into one row-major {@code [C*k*k, M*OH*OW]} matrix
 * {@code col} (example {@code m} in columns {@code [m*P, (m+1)*P)}), so each product is one large {@code sgemm}
 * through the engine's {@link Blas} rather than one small one per example, while the block stays small enough
 * to be read back from cache (column-major BLAS, so a row-major {@code [r, c]} array is read as the {@code [c, r]}
 * transpose):
 * <ul>
 *   <li>forward {@code Y[O,MP] = W[O,K] col[K,MP]}: {@code sgemm(N, N, MP, O, K, col, W)}, then scattered to
 *       NCHW with the bias added;</li>
 *   <li>{@code dW[O,K] += dY[O,MP] col^T}: {@code sgemm(T, N, K, O, MP, col, dY)}, with {@code dY} gathered from
 *       NCHW into the same {@code [O, MP]} layout;</li>
 *   <li>{@code dcol[K,MP] = W^T dY}: {@code sgemm(N, T, MP, K, O, dY, W)}, then col2im adds {@code dcol} back
 *       into each example's input gradient.</li>
 * </ul>
 * Backward recomputes each block's {@code col} (a cache-friendly copy). Not thread-safe; buffers grow to the
 * largest block seen and are reused.
 */
public final class Conv2d implements Layer {

    /** Rows shorter than this are copied by a plain loop: a call per 8-float row costs more than the copy. */
    private static final int SHORT_ROW = 32;
    /** Target size of one im2col block, in floats (512 KB: the fastest of 256 KB, 512 KB and 1 MB for LeNet-5). */
    private static final int COL_BLOCK_FLOATS = 1 << 17;

    private final String name;
    private final int inChannels;
    private final int height;
    private final int width;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outHeight;
    private final int outWidth;
    private final Parameter weight;
    private final Parameter bias;

    private float[] col = new float[0];
    private float[] dcol = new float[0];
    private float[] channelMajor = new float[0];
    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private float[] lastInput;
    private int lastN;

    /**
     * Creates a layer with all parameters zero; call {@link #resetParameters} or write the values directly.
     *
     * @param inChannels  input channels C
     * @param height      input height H
     * @param width       input width W
     * @param outChannels output channels (filters)
     * @param kernel      kernel height and width
     * @param stride      step between windows, at least 1
     * @param padding     zeros added on each side, at least 0
     * @throws IllegalArgumentException if a size is out of range or the padded input is smaller than the kernel
     */
    public Conv2d(String name, int inChannels, int height, int width, int outChannels, int kernel, int stride,
                  int padding) {
        this.name = Objects.requireNonNull(name, "name");
        if (inChannels < 1 || height < 1 || width < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(name + ": bad Conv2d geometry in_channels=" + inChannels + " height="
                    + height + " width=" + width + " out_channels=" + outChannels + " kernel=" + kernel + " stride="
                    + stride + " padding=" + padding);
        }
        if (height + 2 * padding < kernel || width + 2 * padding < kernel) {
            throw new IllegalArgumentException(name + ": input " + height + "x" + width + " with padding " + padding
                    + " is smaller than the " + kernel + "x" + kernel + " kernel");
        }
        this.inChannels = inChannels;
        this.height = height;
        this.width = width;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outHeight = (height + 2 * padding - kernel) / stride + 1;
        this.outWidth = (width + 2 * padding - kernel) / stride + 1;
        this.weight = new Parameter(name + ".weight", new int[] {outChannels, inChannels, kernel, kernel}, true);
        this.bias = new Parameter(name + ".bias", new int[] {outChannels}, false);
    }

    private Conv2d(Conv2d o) {
        this(o.name, o.inChannels, o.height, o.width, o.outChannels, o.kernel, o.stride, o.padding);
        System.arraycopy(o.weight.data(), 0, weight.data(), 0, weight.size());
        System.arraycopy(o.bias.data(), 0, bias.data(), 0, bias.size());
        if (o.weight.mask() != null) {
            weight.setMask(o.weight.mask());
        }
    }

    /**
     * PyTorch's default initialisation ({@code nn.Conv2d.reset_parameters}): weight and then bias from
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with {@code fan_in = in * k * k}; see {@link Init}.
     */
    public void resetParameters(SplittableRandom rng) {
        Init.pytorchDefault(weight, bias, rng);
    }

    private int colRows() {
        return inChannels * kernel * kernel;
    }

    private int outPixels() {
        return outHeight * outWidth;
    }

    /** The {@code [out, in, k, k]} weight. */
    public Parameter weight() {
        return weight;
    }

    /** The {@code [out]} bias. */
    public Parameter bias() {
        return bias;
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** Kernel height and width. */
    public int kernel() {
        return kernel;
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    /** Zero padding on each side. */
    public int padding() {
        return padding;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return inChannels * height * width;
    }

    @Override
    public int outputSize() {
        return outChannels * outPixels();
    }

    @Override
    public int[] inputShape() {
        return new int[] {inChannels, height, width};
    }

    @Override
    public int[] outputShape() {
        return new int[] {outChannels, outHeight, outWidth};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** {@code out * in * k * k * OH * OW} multiply-accumulates per example (bias adds not counted). */
    @Override
    public long macs() {
        return (long) outChannels * colRows() * outPixels();
    }

    @Override
    public float[] forward(float[] x, int n) {
        int inSize = inputSize();
        int outSize = outputSize();
        Linear.checkBatch(x, n, inSize);
        int p = outPixels();
        int k = colRows();
        int chunk = chunkSize(n);
        col = ensure(col, k * chunk * p);
        channelMajor = ensure(channelMajor, outChannels * chunk * p);
        output = ensure(output, n * outSize);
        float[] b = bias.data();
        for (int first = 0; first < n; first += chunk) {
            int m = Math.min(chunk, n - first);
            int mp = m * p;
            for (int i = 0; i < m; i++) {
                im2col(x, (first + i) * inSize, i * p, mp);
            }
            Blas.instance().sgemm("N", "N", mp, outChannels, k, 1f, col, 0, mp, weight.data(), 0, k, 0f, channelMajor, 0,
                    mp);
            for (int o = 0; o < outChannels; o++) {
                float bo = b[o];
                for (int i = 0; i < m; i++) {
                    int src = o * mp + i * p;
                    int dst = (first + i) * outSize + o * p;
                    for (int j = 0; j < p; j++) {
                        output[dst + j] = channelMajor[src + j] + bo;
                    }
                }
            }
        }
        lastInput = x;
        lastN = n;
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (lastInput == null || n != lastN) {
            throw new IllegalStateException(name + ": backward for batch " + n + " after forward for batch " + lastN);
        }
        int inSize = inputSize();
        int outSize = outputSize();
        Linear.checkBatch(gradOutput, n, outSize);
        int p = outPixels();
        int k = colRows();
        int chunk = chunkSize(n);
        float[] gb = bias.grad();
        Arrays.fill(gb, 0f);
        if (needInputGrad) {
            dcol = ensure(dcol, k * chunk * p);
            gradInput = ensure(gradInput, n * inSize);
            Arrays.fill(gradInput, 0, n * inSize, 0f);
        }
        for (int first = 0; first < n; first += chunk) {
            int m = Math.min(chunk, n - first);
            int mp = m * p;
            // the chunk's col again (cache-hot, unlike one kept for the whole batch) and its dY in [O, M*P]
            for (int i = 0; i < m; i++) {
                im2col(lastInput, (first + i) * inSize, i * p, mp);
            }
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < m; i++) {
                    System.arraycopy(gradOutput, (first + i) * outSize + o * p, channelMajor, o * mp + i * p, p);
                }
                gb[o] += (float) VectorKernels.sum(channelMajor, o * mp, mp);
            }
            Blas.instance().sgemm("T", "N", k, outChannels, mp, 1f, col, 0, mp, channelMajor, 0, mp, first == 0 ? 0f : 1f,
                    weight.grad(), 0, k);
            if (needInputGrad) {
                Blas.instance().sgemm("N", "T", mp, k, outChannels, 1f, channelMajor, 0, mp, weight.data(), 0, k, 0f, dcol,
                        0, mp);
                for (int i = 0; i < m; i++) {
                    col2im(gradInput, (first + i) * inSize, i * p, mp);
                }
            }
        }
        weight.maskGradient();
        return needInputGrad ? gradInput : null;
    }

    /**
     * Examples per im2col block: enough columns for an efficient GEMM, few enough that the block stays in cache
     * between im2col and the products that read it (a whole batch's col, 8 MB for LeNet-5's conv2, does not).
     */
    private int chunkSize(int n) {
        return Math.max(1, Math.min(n, COL_BLOCK_FLOATS / (colRows() * outPixels())));
    }

    private static float[] ensure(float[] buffer, int length) {
        return buffer.length >= length ? buffer : new float[length];
    }

    /**
     * Unfolds the example at {@code x[off..]} into {@link #col}: row (c, a, b), column {@code column0 + (oh, ow)},
     * rows {@code ld} floats apart.
     */
    private void im2col(float[] x, int off, int column0, int ld) {
        int row = 0;
        for (int c = 0; c < inChannels; c++) {
            int plane = off + c * height * width;
            for (int a = 0; a < kernel; a++) {
                for (int b = 0; b < kernel; b++, row++) {
                    int r0 = row * ld + column0;
                    int iw0 = b - padding;
                    // output columns whose input column lies inside the image
                    int lo = Math.max(0, ceilDiv(-iw0, stride));
                    int hi = Math.min(outWidth, ceilDiv(width - iw0, stride));
                    for (int oh = 0; oh < outHeight; oh++) {
                        int dst = r0 + oh * outWidth;
                        int ih = oh * stride - padding + a;
                        if (ih < 0 || ih >= height || lo >= hi) {
                            Arrays.fill(col, dst, dst + outWidth, 0f);
                            continue;
                        }
                        int src = plane + ih * width + iw0;
                        for (int ow = 0; ow < lo; ow++) {
                            col[dst + ow] = 0f;
                        }
                        if (stride == 1 && hi - lo >= SHORT_ROW) {
                            System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
                        } else if (stride == 1) {
                            for (int ow = lo; ow < hi; ow++) {
                                col[dst + ow] = x[src + ow];
                            }
                        } else {
                            for (int ow = lo; ow < hi; ow++) {
                                col[dst + ow] = x[src + ow * stride];
                            }
                        }
                        for (int ow = hi; ow < outWidth; ow++) {
                            col[dst + ow] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds the example's columns of {@link #dcol} (from {@code column0}, rows {@code ld} apart) back into its input
     * gradient at {@code dx[off..]}: the adjoint of {@link #im2col}.
     */
    private void col2im(float[] dx, int off, int column0, int ld) {
        int row = 0;
        for (int c = 0; c < inChannels; c++) {
            int plane = off + c * height * width;
            for (int a = 0; a < kernel; a++) {
                for (int b = 0; b < kernel; b++, row++) {
                    int r0 = row * ld + column0;
                    int iw0 = b - padding;
                    int lo = Math.max(0, ceilDiv(-iw0, stride));
                    int hi = Math.min(outWidth, ceilDiv(width - iw0, stride));
                    if (lo >= hi) {
                        continue;
                    }
                    for (int oh = 0; oh < outHeight; oh++) {
                        int ih = oh * stride - padding + a;
                        if (ih < 0 || ih >= height) {
                            continue;
                        }
                        int src = r0 + oh * outWidth;
                        int dst = plane + ih * width + iw0;
                        if (stride == 1 && hi - lo >= SHORT_ROW) {
                            VectorKernels.addInto(dcol, src + lo, dx, dst + lo, hi - lo);
                        } else if (stride == 1) {
                            for (int ow = lo; ow < hi; ow++) {
                                dx[dst + ow] += dcol[src + ow];
                            }
                        } else {
                            for (int ow = lo; ow < hi; ow++) {
                                dx[dst + ow * stride] += dcol[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * A copy that keeps only some output and input channels, in the given order: filter {@code r} of the new
     * weight is filter {@code outputs[r]} of this one restricted to the input channels {@code inputs}; bias and
     * mask are selected the same way, the geometry is unchanged. Structured pruning uses it to remove channels
     * physically.
     *
     * @throws IllegalArgumentException if a list is empty or an index is out of range
     */
    public Conv2d narrowed(int[] outputs, int[] inputs) {
        Conv2d c = new Conv2d(name, inputs.length, height, width, outputs.length, kernel, stride, padding);
        Narrowing.rows(weight, outputs, inputs, kernel * kernel, c.weight);
        Narrowing.rows(bias, outputs, new int[] {0}, 1, c.bias);
        return c;
    }

    @Override
    public Conv2d copy() {
        return new Conv2d(this);
    }

    @Override
    public String toString() {
        return "Conv2d(" + name + ", " + inChannels + "x" + height + "x" + width + " -> " + outChannels + "x"
                + outHeight + "x" + outWidth + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
