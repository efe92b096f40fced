package dev.ablate.metrics.latency;

/**
 * A row-major {@code [rows, cols]} matrix in compressed sparse row form: the nonzeros of row {@code r} are
 * {@code values[k]} at column {@code columns[k]} for {@code k} in {@code [rowStart[r], rowStart[r + 1])}, columns
 * ascending. Only exact zeros are dropped, so a pruned weight (masked to 0) costs nothing and every other weight is
 * kept bit for bit.
 *
 * @param rows     number of rows
 * @param cols     number of columns
 * @param values   the nonzero values, row by row
 * @param columns  the column of each value
 * @param rowStart {@code rows + 1} offsets into {@code values}; the last is the nonzero count
 */
record CsrMatrix(int rows, int cols, float[] values, int[] columns, int[] rowStart) {

    /**
     * Compresses the first {@code rows * cols} entries of a row-major array.
     *
     * @throws IllegalArgumentException if a size is below 1 or {@code dense} is too short
     */
    static CsrMatrix of(float[] dense, int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols > dense.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix does not fit an array of "
                    + dense.length);
        }
        int nonzeros = 0;
        for (int i = 0; i < rows * cols; i++) {
            if (dense[i] != 0f) {
                nonzeros++;
            }
        }
        float[] values = new float[nonzeros];
        int[] columns = new int[nonzeros];
        int[] rowStart = new int[rows + 1];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = dense[r * cols + c];
                if (v != 0f) {
                    values[k] = v;
                    columns[k++] = c;
                }
            }
            rowStart[r + 1] = k;
        }
        return new CsrMatrix(rows, cols, values, columns, rowStart);
    }

    /** Number of stored (nonzero) values. */
    int nonzeroCount() {
        return rowStart[rows];
    }
}
