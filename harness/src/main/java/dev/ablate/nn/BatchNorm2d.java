package dev.ablate.nn;

/**
 * {@code nn.BatchNorm2d(channels)} over NCHW batches of {@code [C, H, W]} examples: statistics per channel
 * over the batch and all pixels. See {@link BatchNorm} for the semantics.
 */
public final class BatchNorm2d extends BatchNorm {

    private final int height;
    private final int width;

    /**
     * @throws IllegalArgumentException if a size is below 1
     */
    public BatchNorm2d(String name, int channels, int height, int width) {
        super(name, channels, checkedArea(name, height, width));
        this.height = height;
        this.width = width;
    }

    private static int checkedArea(String name, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(name + ": height=" + height + " and width=" + width + " must be at least 1");
        }
        return height * width;
    }

    @Override
    public int[] inputShape() {
        return new int[] {channels, height, width};
    }

    @Override
    public int[] outputShape() {
        return inputShape();
    }

    @Override
    BatchNorm2d withChannels(int count) {
        return new BatchNorm2d(name, count, height, width);
    }

    @Override
    public BatchNorm2d copy() {
        BatchNorm2d c = new BatchNorm2d(name, channels, height, width);
        c.copyStateFrom(this);
        return c;
    }

    @Override
    public String toString() {
        return "BatchNorm2d(" + name + ", " + channels + "x" + height + "x" + width + ")";
    }
}
