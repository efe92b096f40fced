package dev.ablate.compress.distill;

import dev.ablate.nn.Objective;
import dev.ablate.nn.SoftmaxCrossEntropy;
import dev.ablate.spec.KdParams;

import java.util.Objects;

/**
 * Hinton et al.'s distillation loss, averaged over the batch as PyTorch's {@code reduction='batchmean'}:
 * <pre>
 *   loss = α·T²·(1/B)·Σ_b KL(softmax(t_b/T) ‖ softmax(s_b/T)) + (1−α)·CE(s, y)
 *   d loss / d s_b = α·T/B·(softmax(s_b/T) − softmax(t_b/T)) + (1−α)/B·(softmax(s_b) − onehot(y_b))
 * </pre>
 * where {@code s} are the student's logits and {@code t_b} is the teacher's row of {@link SoftTargets} for the
 * batch row's example ({@code examples[b]}, an index into the training split). The T² factor keeps the soft
 * term's gradient on the scale of the hard term's as T changes (Hinton et al. 2015, §2). Teacher rows are
 * log-probabilities; {@code softmax} is shift-invariant, so they act exactly like the teacher's logits.
 *
 * <p>The cross-entropy term is {@link SoftmaxCrossEntropy}'s, so {@code α = 0} is plain cross-entropy bit for
 * bit. The soft term runs in double precision with each row's maximum subtracted (log-sum-exp); a teacher
 * probability of 0 contributes nothing. Owns its gradient buffer (grown to the largest batch, then reused);
 * not thread-safe.
 */
public final class KdLoss implements Objective {

    private final SoftTargets targets;
    private final double temperature;
    private final double alpha;
    private final SoftmaxCrossEntropy crossEntropy;
    private final double[] studentLogProbs;
    private final double[] teacherLogProbs;
    private float[] gradLogits = new float[0];
    private int lastN;

    /**
     * @param targets the teacher's targets for every example of the training split
     * @param kd      temperature and soft-target weight
     */
    public KdLoss(SoftTargets targets, KdParams kd) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.temperature = kd.temperature();
        this.alpha = kd.alpha();
        this.crossEntropy = new SoftmaxCrossEntropy(targets.classes());
        this.studentLogProbs = new double[targets.classes()];
        this.teacherLogProbs = new double[targets.classes()];
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code logits} holds fewer than {@code n} rows of the targets' classes,
     *                                  a label is outside the classes, or an example index is outside the targets
     */
    @Override
    public double forward(float[] logits, int[] labels, int[] examples, int n) {
        int c = targets.classes();
        double ce = crossEntropy.forward(logits, labels, n);
        float[] ceGrad = crossEntropy.backward();
        if (gradLogits.length < n * c) {
            gradLogits = new float[n * c];
        }
        float[] teacher = targets.logProbabilities();
        double ceWeight = 1 - alpha;
        double kdGradScale = alpha * temperature / n;
        double klSum = 0;
        for (int r = 0; r < n; r++) {
            int e = examples[r];
            if (e < 0 || e >= targets.size()) {
                throw new IllegalArgumentException("example index " + e + " of batch row " + r + " is outside the "
                        + targets.size() + " rows of the soft targets");
            }
            int o = r * c;
            logSoftmax(logits, o, c, studentLogProbs);
            logSoftmax(teacher, e * c, c, teacherLogProbs);
            for (int j = 0; j < c; j++) {
                double pt = Math.exp(teacherLogProbs[j]);
                if (pt > 0) {
                    klSum += pt * (teacherLogProbs[j] - studentLogProbs[j]);
                }
                double ps = Math.exp(studentLogProbs[j]);
                gradLogits[o + j] = (float) (ceWeight * ceGrad[o + j] + kdGradScale * (ps - pt));
            }
        }
        lastN = n;
        return alpha * temperature * temperature * (klSum / n) + ceWeight * ce;
    }

    /** Writes {@code log_softmax(x[o .. o+c) / T)} into {@code out}. */
    private void logSoftmax(float[] x, int o, int c, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            out[j] = x[o + j] / temperature;
            max = Math.max(max, out[j]);
        }
        double sum = 0;
        for (int j = 0; j < c; j++) {
            sum += Math.exp(out[j] - max);
        }
        double logSum = max + Math.log(sum);
        for (int j = 0; j < c; j++) {
            out[j] -= logSum;
        }
    }

    @Override
    public float[] backward() {
        if (lastN == 0) {
            throw new IllegalStateException("backward before forward");
        }
        return gradLogits;
    }
}
