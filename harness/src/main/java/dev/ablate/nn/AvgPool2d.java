package dev.ablate.nn;

import java.util.Arrays;

/**
 * Average pooling ({@code nn.AvgPool2d(kernel, stride)}, no padding, floor mode): each output is the mean of
 * its {@code kernel x kernel} window; backward spreads {@code g / kernel^2} over the window, adding where
 * windows overlap.
 *
 * <p>Both passes work on whole image rows so the vector kernels apply: forward sums the window's
 * {@code kernel} input rows into one row buffer (vector adds), then sums each window's columns; backward
 * builds the row of per-column gradients once per output row and adds it to each of the window's input rows.
 */
public final class AvgPool2d extends Pool2d {

    private final float[] row;

    /**
     * @throws IllegalArgumentException if a size is below 1 or the input is smaller than the window
     */
    public AvgPool2d(String name, int channels, int height, int width, int kernel, int stride) {
        super(name, channels, height, width, kernel, stride);
        this.row = new float[width];
    }

    @Override
    public float[] forward(float[] x, int n) {
        prepareForward(x, n);
        float inv = 1f / (kernel * kernel);
        int planes = n * channels;
        int o = 0;
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * height * width;
            for (int oh = 0; oh < outHeight; oh++) {
                int r0 = base + oh * stride * width;
                System.arraycopy(x, r0, row, 0, width);
                for (int a = 1; a < kernel; a++) {
                    VectorKernels.addInto(x, r0 + a * width, row, 0, width);
                }
                for (int ow = 0; ow < outWidth; ow++, o++) {
                    float s = 0f;
                    int c0 = ow * stride;
                    for (int b = 0; b < kernel; b++) {
                        s += row[c0 + b];
                    }
                    output[o] = s * inv;
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
        Arrays.fill(gradInput, 0, n * inputSize(), 0f);
        float inv = 1f / (kernel * kernel);
        int planes = n * channels;
        int o = 0;
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * height * width;
            for (int oh = 0; oh < outHeight; oh++) {
                Arrays.fill(row, 0f);
                for (int ow = 0; ow < outWidth; ow++, o++) {
                    float g = gradOutput[o] * inv;
                    int c0 = ow * stride;
                    for (int b = 0; b < kernel; b++) {
                        row[c0 + b] += g;
                    }
                }
                int r0 = base + oh * stride * width;
                for (int a = 0; a < kernel; a++) {
                    VectorKernels.addInto(row, 0, gradInput, r0 + a * width, width);
                }
            }
        }
        return gradInput;
    }

    @Override
    public AvgPool2d copy() {
        return new AvgPool2d(name, channels, height, width, kernel, stride);
    }
}
