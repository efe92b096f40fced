package dev.ablate.nn;

/**
 * The loss a training step minimizes, from the batch's logits: cross-entropy on the labels by default
 * ({@link #crossEntropy}), or anything that also needs per-example targets, such as a distillation loss that
 * looks up a teacher's outputs by example index.
 *
 * <p>Implementations own their gradient buffer (reused across batches) and are not thread-safe.
 */
public interface Objective {

    /**
     * Computes the mean loss of a batch and keeps d loss / d logits for {@link #backward()}.
     *
     * @param logits   {@code n * classes} values, row-major
     * @param labels   class index per row (first {@code n} used)
     * @param examples index into the training split of each row (first {@code n} used)
     * @param n        batch size
     * @return the mean loss; NaN or infinite when the logits are (the trainer reports divergence)
     */
    double forward(float[] logits, int[] labels, int[] examples, int n);

    /** d loss / d logits of the last {@link #forward} call, a live buffer of at least {@code n * classes} values. */
    float[] backward();

    /** Softmax cross-entropy on the labels ({@link SoftmaxCrossEntropy}). */
    static Objective crossEntropy(int classes) {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(classes);
        return new Objective() {
            @Override
            public double forward(float[] logits, int[] labels, int[] examples, int n) {
                return loss.forward(logits, labels, n);
            }

            @Override
            public float[] backward() {
                return loss.backward();
            }
        };
    }
}
