package dev.ablate.metrics.latency;

import dev.ablate.nn.Conv2d;
import java.util.Arrays;

/**
 * Inference-only {@link Conv2d} computed directly from the CSR filter rows (no im2col): the weight
 * {@code [out, in, k, k]} is the CSR matrix {@code [out, in*k*k]}, and each nonzero {@code w[o, c, a, b]} adds
 * {@code w * x[c, i*s + a - p, j*s + b - p]} to every output pixel {@code (i, j)} of channel {@code o} whose input
 * pixel lies inside the image (zero padding contributes nothing, so it is skipped rather than materialised). The
 * work is one short multiply-add row per nonzero and output row, proportional to the nonzeros, as in direct sparse
 * convolution (Park et al. 2017, "Faster CNNs with Direct Sparse Convolutions and Guided Pruning").
 */
final class CsrConv2d implements InferenceOnlyLayer {

    /** Ints per nonzero in {@link #taps}: input offset, first and end output row, first and end output column. */
    private static final int TAP = 5;

    private final String name;
    private final int[] inShape;
    private final int[] outShape;
    private final int stride;
    private final CsrMatrix weight;
    private final float[] bias;
    /** Per nonzero: where its window starts in the example and which output pixels see real (unpadded) input. */
    private final int[] taps;

    private float[] output = new float[0];

    /** Compresses a snapshot of the layer's weight and bias. */
    CsrConv2d(Conv2d dense) {
        this.name = dense.name();
        this.inShape = dense.inputShape();
        this.outShape = dense.outputShape();
        this.stride = dense.stride();
        int k = dense.kernel();
        int channels = inShape[0];
        this.weight = CsrMatrix.of(dense.weight().data(), outShape[0], channels * k * k);
        this.bias = dense.bias().data().clone();
        this.taps = taps(weight, inShape[1], inShape[2], outShape[1], outShape[2], k, stride, dense.padding());
    }

    private CsrConv2d(CsrConv2d o) {
        this.name = o.name;
        this.inShape = o.inShape;
        this.outShape = o.outShape;
        this.stride = o.stride;
        this.weight = o.weight;
        this.bias = o.bias;
        this.taps = o.taps;
    }

    private static int[] taps(CsrMatrix w, int height, int width, int outHeight, int outWidth, int k, int stride,
                              int padding) {
        int[] taps = new int[TAP * w.nonzeroCount()];
        for (int i = 0; i < w.nonzeroCount(); i++) {
            int column = w.columns()[i];
            int c = column / (k * k);
            int dy = column / k % k - padding;
            int dx = column % k - padding;
            taps[TAP * i] = c * height * width + dy * width + dx;
            taps[TAP * i + 1] = Math.max(0, ceilDiv(-dy, stride));
            taps[TAP * i + 2] = Math.min(outHeight, ceilDiv(height - dy, stride));
            taps[TAP * i + 3] = Math.max(0, ceilDiv(-dx, stride));
            taps[TAP * i + 4] = Math.min(outWidth, ceilDiv(width - dx, stride));
        }
        return taps;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** The compressed {@code [out, in*k*k]} weight. */
    CsrMatrix weight() {
        return weight;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return inShape[0] * inShape[1] * inShape[2];
    }

    @Override
    public int outputSize() {
        return outShape[0] * outShape[1] * outShape[2];
    }

    @Override
    public int[] inputShape() {
        return inShape.clone();
    }

    @Override
    public int[] outputShape() {
        return outShape.clone();
    }

    @Override
    public float[] forward(float[] x, int n) {
        int inSize = inputSize();
        int outSize = outputSize();
        if (n < 1 || (long) n * inSize > x.length) {
            throw new IllegalArgumentException(name + ": batch of " + n + " x " + inSize + " does not fit an array of "
                    + x.length);
        }
        output = CsrLinear.ensure(output, n * outSize);
        int outWidth = outShape[2];
        int pixels = outShape[1] * outWidth;
        int rowStep = stride * inShape[2];
        float[] v = weight.values();
        int[] start = weight.rowStart();
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < outShape[0]; o++) {
                int plane = e * outSize + o * pixels;
                Arrays.fill(output, plane, plane + pixels, bias[o]);
                for (int k = start[o]; k < start[o + 1]; k++) {
                    float w = v[k];
                    int t = TAP * k;
                    int src = e * inSize + taps[t];
                    int lo = taps[t + 3];
                    int hi = taps[t + 4];
                    for (int i = taps[t + 1]; i < taps[t + 2]; i++) {
                        int dst = plane + i * outWidth;
                        int row = src + i * rowStep;
                        if (stride == 1) {
                            for (int j = lo; j < hi; j++) {
                                output[dst + j] += w * x[row + j];
                            }
                        } else {
                            for (int j = lo; j < hi; j++) {
                                output[dst + j] += w * x[row + j * stride];
                            }
                        }
                    }
                }
            }
        }
        return output;
    }

    /** Shares the immutable weights and taps; buffers fresh. */
    @Override
    public CsrConv2d copy() {
        return new CsrConv2d(this);
    }

    @Override
    public String toString() {
        return "CsrConv2d(" + name + ", " + Arrays.toString(inShape) + " -> " + Arrays.toString(outShape)
                + ", nonzeros=" + weight.nonzeroCount() + ")";
    }
}
