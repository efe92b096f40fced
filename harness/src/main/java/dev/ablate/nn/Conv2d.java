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
 * <p>Per example, im2col unfolds the input into a row-major {@code [C*k*k, OH*OW]} matrix {@code col}, and
 * every product is one {@code sgemm} through the engine's {@link Blas} (column-major, so a row-major
 * {@code [r, c]} array is read as the {@code [c, r]} transpose):
 * <ul>
 *   <li>forward {@code Y_n[O,P] = W[O,K] col[K,P]}: {@code sgemm(N, N, P, O, K, col, W)} onto the bias;</li>
 *   <li>{@code dW[O,K] += dY_n[O,P] col^T}: {@code sgemm(T, N, K, O, P, col, dY_n)} with beta 1;</li>
 *   <li>{@code dcol[K,P] = W^T dY_n}: {@code sgemm(N, T, P, K, O, dY_n, W)}, then col2im adds {@code dcol}
 *       back into the input gradient.</li>
 * </ul>
 * Backward re-runs im2col rather than keeping every example's {@code col} (memory stays one {@code [K, P]}
 * buffer per layer; im2col is a copy, small next to the GEMMs). Not thread-safe; buffers are reused.
 */
public final class Conv2d implements Layer {

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

    private final float[] col;
    private final float[] dcol;
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
        this.col = new float[colRows() * outPixels()];
        this.dcol = new float[col.length];
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
        if (output.length < n * outSize) {
            output = new float[n * outSize];
        }
        int p = outPixels();
        int k = colRows();
        float[] b = bias.data();
        for (int i = 0; i < n; i++) {
            int o0 = i * outSize;
            for (int o = 0; o < outChannels; o++) {
                Arrays.fill(output, o0 + o * p, o0 + (o + 1) * p, b[o]);
            }
            im2col(x, i * inSize);
            Blas.instance().sgemm("N", "N", p, outChannels, k, 1f, col, 0, p, weight.data(), 0, k, 1f, output, o0, p);
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
        float[] gw = weight.grad();
        float[] gb = bias.grad();
        Arrays.fill(gw, 0f);
        Arrays.fill(gb, 0f);
        if (needInputGrad) {
            if (gradInput.length < n * inSize) {
                gradInput = new float[n * inSize];
            }
            Arrays.fill(gradInput, 0, n * inSize, 0f);
        }
        for (int i = 0; i < n; i++) {
            int g0 = i * outSize;
            for (int o = 0; o < outChannels; o++) {
                gb[o] += (float) VectorKernels.sum(gradOutput, g0 + o * p, p);
            }
            im2col(lastInput, i * inSize);
            Blas.instance().sgemm("T", "N", k, outChannels, p, 1f, col, 0, p, gradOutput, g0, p, 1f, gw, 0, k);
            if (needInputGrad) {
                Blas.instance().sgemm("N", "T", p, k, outChannels, 1f, gradOutput, g0, p, weight.data(), 0, k, 0f,
                        dcol, 0, p);
                col2im(gradInput, i * inSize);
            }
        }
        weight.maskGradient();
        return needInputGrad ? gradInput : null;
    }

    /** Unfolds the example at {@code x[off..]} into {@link #col}: row (c, a, b), column (oh, ow). */
    private void im2col(float[] x, int off) {
        int p = outPixels();
        int row = 0;
        for (int c = 0; c < inChannels; c++) {
            int plane = off + c * height * width;
            for (int a = 0; a < kernel; a++) {
                for (int b = 0; b < kernel; b++, row++) {
                    int r0 = row * p;
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
                        Arrays.fill(col, dst, dst + lo, 0f);
                        if (stride == 1) {
                            System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
                        } else {
                            for (int ow = lo; ow < hi; ow++) {
                                col[dst + ow] = x[src + ow * stride];
                            }
                        }
                        Arrays.fill(col, dst + hi, dst + outWidth, 0f);
                    }
                }
            }
        }
    }

    /** Adds {@link #dcol} back into the example's input gradient at {@code dx[off..]} (the adjoint of im2col). */
    private void col2im(float[] dx, int off) {
        int p = outPixels();
        int row = 0;
        for (int c = 0; c < inChannels; c++) {
            int plane = off + c * height * width;
            for (int a = 0; a < kernel; a++) {
                for (int b = 0; b < kernel; b++, row++) {
                    int r0 = row * p;
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
                        if (stride == 1) {
                            VectorKernels.addInto(dcol, src + lo, dx, dst + lo, hi - lo);
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
