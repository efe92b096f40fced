package dev.ablate.compress.quant.format;

import dev.ablate.spec.Granularity;

import java.util.Arrays;

/**
 * How a format sees a weight tensor: {@code rows} output channels (axis 0), each a contiguous row of
 * {@code rowLength} elements (the input dimension, {@code in * kh * kw} flattened for a convolution).
 *
 * @param rows      size of axis 0
 * @param rowLength elements per row
 */
record TensorLayout(int rows, int rowLength) {

    /**
     * Checks the arguments of {@link dev.ablate.compress.quant.TensorFormat#quantize} and returns the layout.
     *
     * @throws IllegalArgumentException if the shape is empty, has a non-positive size, disagrees with
     *                                  {@code x.length}, or {@code out}/{@code steMask} have another length
     */
    static TensorLayout of(String format, float[] x, int[] shape, float[] out, byte[] steMask) {
        if (shape.length == 0) {
            throw new IllegalArgumentException(format + ": tensor shape is empty");
        }
        long size = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(format + ": tensor shape " + Arrays.toString(shape)
                        + " has a size below 1");
            }
            size *= d;
        }
        if (size != x.length) {
            throw new IllegalArgumentException(format + ": tensor shape " + Arrays.toString(shape)
                    + " holds " + size + " elements, got " + x.length);
        }
        if (out.length != x.length || (steMask != null && steMask.length != x.length)) {
            throw new IllegalArgumentException(format + ": input of " + x.length + " elements, output of "
                    + out.length + (steMask == null ? "" : ", STE mask of " + steMask.length));
        }
        return new TensorLayout(shape[0], x.length / shape[0]);
    }

    /** Number of elements. */
    int size() {
        return rows * rowLength;
    }

    /** A computation over the elements {@code [from, to)} of one block, returning a count (e.g. clipped elements). */
    @FunctionalInterface
    interface BlockCount {
        long apply(int from, int to);
    }

    /**
     * Applies {@code block} to every block of {@code blockSize} consecutive elements of every row, in order (a row
     * whose length is not a multiple ends in a shorter block), and sums what it returns.
     */
    long sumOverBlocks(int blockSize, BlockCount block) {
        long sum = 0;
        for (int row = 0; row < rows; row++) {
            int rowEnd = (row + 1) * rowLength;
            for (int from = row * rowLength; from < rowEnd; from += blockSize) {
                sum += block.apply(from, Math.min(from + blockSize, rowEnd));
            }
        }
        return sum;
    }

    /** The number of blocks {@link #sumOverBlocks} visits. */
    long blockCount(int blockSize) {
        return (long) rows * ((rowLength + blockSize - 1) / blockSize);
    }

    /**
     * How many scale sets a granularity gives this tensor, each a contiguous block of {@code size() / sets}
     * elements: one per tensor, one per output row, or one per {@code groupSize} consecutive elements of a row.
     *
     * @throws IllegalArgumentException for per-group when the row length is not a multiple of the group size, or
     *                                  for {@link Granularity#NONE}, which has no scale sets
     */
    int scaleSets(String format, Granularity granularity, int groupSize) {
        return switch (granularity) {
            case PER_TENSOR -> 1;
            case PER_CHANNEL -> rows;
            case PER_GROUP -> {
                if (rowLength % groupSize != 0) {
                    throw new IllegalArgumentException(format + " per-group: row length " + rowLength
                            + " is not a multiple of group_size " + groupSize);
                }
                yield size() / groupSize;
            }
            case NONE -> throw new IllegalArgumentException(format + ": granularity none has no scales");
        };
    }
}
