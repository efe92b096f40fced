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
