package dev.ablate.nn;

/**
 * Max pooling ({@code nn.MaxPool2d(kernel, stride)}, no padding, floor mode). The forward pass records, per
 * output, the input index of the first maximal element of its window in row-major order (a NaN counts as
 * maximal, as in PyTorch); backward routes each output gradient to that index and adds where windows overlap.
 *
 * <p>The window scan stays scalar: it has to track the argmax for backward, and with the usual 2x2 stride-2
 * windows the strided, index-carrying loads leave a vector version nothing to gain.
 */
public final class MaxPool2d extends Pool2d {

    private int[] argmax = new int[0];

    /**
     * @throws IllegalArgumentException if a size is below 1 or the input is smaller than the window
     */
    public MaxPool2d(String name, int channels, int height, int width, int kernel, int stride) {
        super(name, channels, height, width, kernel, stride);
    }

    @Override
    public float[] forward(float[] x, int n) {
        prepareForward(x, n);
        int total = n * outputSize();
        if (argmax.length < total) {
            argmax = new int[total];
        }
        int planes = n * channels;
        if (kernel == 2 && stride == 2) {
            forward2x2(x, planes);
            return output;
        }
        int o = 0;
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * height * width;
            for (int oh = 0; oh < outHeight; oh++) {
                int row = base + oh * stride * width;
                for (int ow = 0; ow < outWidth; ow++, o++) {
                    int start = row + ow * stride;
                    int best = start;
                    float bestV = x[start];
                    for (int a = 0; a < kernel; a++) {
                        int r = start + a * width;
                        for (int b = 0; b < kernel; b++) {
                            float v = x[r + b];
                            // branch-free (the comparisons are data-dependent): take v if larger, or if it is the
                            // first NaN, so NaN propagates as in PyTorch
                            boolean take = v > bestV | (v != v & bestV == bestV);
                            best = take ? r + b : best;
                            bestV = take ? v : bestV;
                        }
                    }
                    output[o] = bestV;
                    argmax[o] = best;
                }
            }
        }
        return output;
    }

    /**
     * The common 2×2, stride-2 window without branches: with random activations every comparison is a coin
     * toss, and the branchy loop spent most of its time on mispredictions (3.7 ms per LeNet-5 pool1 batch, now
     * 1.5). Floats are compared as order-preserving integer keys, and the winner is chosen with integer
     * arithmetic. It picks the first maximum in scan order, as the general loop does, except that {@code +0.0}
     * counts as larger than an earlier {@code -0.0}; a window with a NaN outputs NaN (its gradient goes to
     * the window's integer-key maximum).
     */
    private void forward2x2(float[] x, int planes) {
        float[] out = output;
        int[] arg = argmax;
        int o = 0;
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * height * width;
            for (int oh = 0; oh < outHeight; oh++) {
                int r0 = base + 2 * oh * width;
                int r1 = r0 + width;
                for (int ow = 0; ow < outWidth; ow++, o++) {
                    int i0 = r0 + 2 * ow;
                    int i2 = r1 + 2 * ow;
                    float a = x[i0];
                    float b = x[i0 + 1];
                    float c = x[i2];
                    float d = x[i2 + 1];
                    int ka = orderKey(a);
                    int kb = orderKey(b);
                    int kc = orderKey(c);
                    int kd = orderKey(d);
                    int top = i0 + below(ka, kb);
                    int bottom = i2 + below(kc, kd);
                    int best = top + below(Math.max(ka, kb), Math.max(kc, kd)) * (bottom - top);
                    float max = Math.max(Math.max(a, b), Math.max(c, d)); // NaN if any is NaN
                    out[o] = max != max ? max : x[best];
                    arg[o] = best;
                }
            }
        }
    }

    /** An int that orders as the float does (for non-NaN values; -0.0 just below +0.0). */
    private static int orderKey(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** 1 if {@code p < q}, else 0, without a branch. */
    private static int below(int p, int q) {
        return (int) (((long) p - q) >>> 63);
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        prepareBackward(gradOutput, n);
        if (!needInputGrad) {
            return null;
        }
        java.util.Arrays.fill(gradInput, 0, n * inputSize(), 0f);
        int total = n * outputSize();
        for (int o = 0; o < total; o++) {
            gradInput[argmax[o]] += gradOutput[o];
        }
        return gradInput;
    }

    @Override
    public MaxPool2d copy() {
        return new MaxPool2d(name, channels, height, width, kernel, stride);
    }
}
