package dev.ablate.nn;

/**
 * Softmax cross-entropy averaged over the batch, as PyTorch's {@code F.cross_entropy(logits, labels)} with
 * {@code reduction='mean'}.
 *
 * <p>Numerically stable: each row is shifted by its maximum before exponentiation (log-sum-exp), and the
 * per-row sums run in double precision. The gradient with respect to the logits is
 * {@code (softmax(z) - onehot(y)) / n}. Owns its gradient buffer (reused across batches); not thread-safe.
 */
public final class SoftmaxCrossEntropy {

    private final int classes;
    private float[] gradLogits = new float[0];
    private int lastN;

    /**
     * @param classes number of classes (logits per example), at least 1
     */
    public SoftmaxCrossEntropy(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        this.classes = classes;
    }

    /**
     * Computes the mean loss of a batch and stores d loss / d logits for {@link #backward()}.
     *
     * @param logits {@code n * classes} values, row-major
     * @param labels class index per example (first {@code n} used)
     * @param n      batch size
     * @return mean cross-entropy; NaN or infinite if the logits are (the trainer turns that into
     *         {@link DivergedException})
     * @throws IllegalArgumentException if a label is outside {@code [0, classes)}
     */
    public double forward(float[] logits, int[] labels, int n) {
        Linear.checkBatch(logits, n, classes);
        if (gradLogits.length < n * classes) {
            gradLogits = new float[n * classes];
        }
        double total = 0;
        double invN = 1.0 / n;
        for (int r = 0; r < n; r++) {
            int y = labels[r];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of example " + r + " is outside [0, " + classes + ")");
            }
            int o = r * classes;
            float max = logits[o];
            for (int j = 1; j < classes; j++) {
                max = Math.max(max, logits[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp((double) logits[o + j] - max);
            }
            double logSum = Math.log(sum);
            total += logSum - ((double) logits[o + y] - max);
            for (int j = 0; j < classes; j++) {
                double p = Math.exp((double) logits[o + j] - max - logSum);
                gradLogits[o + j] = (float) ((j == y ? p - 1 : p) * invN);
            }
        }
        lastN = n;
        return total / n;
    }

    /** d loss / d logits of the last {@link #forward} call: a buffer of at least {@code n * classes} values. */
    public float[] backward() {
        if (lastN == 0) {
            throw new IllegalStateException("backward before forward");
        }
        return gradLogits;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }
}
