package dev.ablate.nn;

/**
 * Copies a selection of rows and input blocks of a parameter into a smaller one: the shared step of
 * {@link Linear#narrowed} and {@link Conv2d#narrowed}.
 */
final class Narrowing {

    private Narrowing() {
    }

    /**
     * Views {@code from} as rows of {@code inputs-of-from × block} values and writes, for each selected row and
     * each selected input, that input's block of {@code block} values into {@code to}, in selection order; the
     * mask, if any, is selected the same way.
     *
     * @throws IllegalArgumentException if a selection is empty or an index is out of range
     */
    static void rows(Parameter from, int[] rows, int[] inputs, int block, Parameter to) {
        int rowCount = from.shape()[0];
        int rowLength = from.size() / rowCount;
        int inputCount = rowLength / block;
        check(from, rows, rowCount, "row");
        check(from, inputs, inputCount, "input");
        float[] mask = from.mask() == null ? null : new float[to.size()];
        int dst = 0;
        for (int r : rows) {
            for (int in : inputs) {
                int src = r * rowLength + in * block;
                System.arraycopy(from.data(), src, to.data(), dst, block);
                if (mask != null) {
                    System.arraycopy(from.mask(), src, mask, dst, block);
                }
                dst += block;
            }
        }
        if (dst != to.size()) {
            throw new IllegalStateException(to.name() + ": narrowed " + dst + " values into " + to.size());
        }
        to.setMask(mask);
    }

    private static void check(Parameter p, int[] selection, int count, String what) {
        if (selection.length == 0) {
            throw new IllegalArgumentException(p.name() + ": keeps no " + what + "s");
        }
        for (int i : selection) {
            if (i < 0 || i >= count) {
                throw new IllegalArgumentException(p.name() + ": " + what + " " + i + " out of range [0, " + count + ")");
            }
        }
    }
}
