package dev.ablate.nn;

import java.util.List;
import java.util.Objects;

/**
 * Shared geometry of the parameter-free 2-D pooling layers: a square {@code kernel} window moved by
 * {@code stride}, no padding, floor mode, so {@code OH = (H - kernel) / stride + 1}. Channels pool
 * independently; activations are NCHW.
 */
public abstract sealed class Pool2d implements Layer permits MaxPool2d, AvgPool2d {

    final String name;
    final int channels;
    final int height;
    final int width;
    final int kernel;
    final int stride;
    final int outHeight;
    final int outWidth;
    float[] output = new float[0];
    float[] gradInput = new float[0];
    int lastN = -1;

    Pool2d(String name, int channels, int height, int width, int kernel, int stride) {
        this.name = Objects.requireNonNull(name, "name");
        if (channels < 1 || height < 1 || width < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException(name + ": bad pooling geometry channels=" + channels + " height=" + height
                    + " width=" + width + " kernel=" + kernel + " stride=" + stride);
        }
        if (height < kernel || width < kernel) {
            throw new IllegalArgumentException(name + ": input " + height + "x" + width + " is smaller than the "
                    + kernel + "x" + kernel + " pooling window");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kernel = kernel;
        this.stride = stride;
        this.outHeight = (height - kernel) / stride + 1;
        this.outWidth = (width - kernel) / stride + 1;
    }

    /** Window height and width. */
    public int kernel() {
        return kernel;
    }

    /** Step between windows. */
    public int stride() {
        return stride;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return channels * height * width;
    }

    @Override
    public int outputSize() {
        return channels * outHeight * outWidth;
    }

    @Override
    public int[] inputShape() {
        return new int[] {channels, height, width};
    }

    @Override
    public int[] outputShape() {
        return new int[] {channels, outHeight, outWidth};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** 0: pooling does comparisons and adds, no multiply-accumulates. */
    @Override
    public long macs() {
        return 0;
    }

    void prepareForward(float[] x, int n) {
        Linear.checkBatch(x, n, inputSize());
        if (output.length < n * outputSize()) {
            output = new float[n * outputSize()];
        }
        lastN = n;
    }

    void prepareBackward(float[] gradOutput, int n) {
        if (n != lastN) {
            throw new IllegalStateException(name + ": backward for batch " + n + " after forward for batch " + lastN);
        }
        Linear.checkBatch(gradOutput, n, outputSize());
        if (gradInput.length < n * inputSize()) {
            gradInput = new float[n * inputSize()];
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ", " + channels + "x" + height + "x" + width + ", kernel="
                + kernel + ", stride=" + stride + ")";
    }
}
