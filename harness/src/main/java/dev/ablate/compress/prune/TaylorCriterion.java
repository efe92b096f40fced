package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import dev.ablate.nn.Objective;
import dev.ablate.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * First-order Taylor pruning (Molchanov et al. 2017, eq. 8 applied to single weights): the loss change from
 * zeroing {@code w} is estimated as {@code |w · ḡ|}, where {@code ḡ} is the cross-entropy gradient averaged over
 * {@code batches} training batches. The signed gradients are averaged before the absolute value, as in the
 * paper: the estimate is of the change in the expected loss, and per-batch noise cancels instead of adding up.
 * A unit's score is the sum of its weights' scores.
 *
 * <p>The batches are consecutive slices of one seeded permutation of the training split (wrapping around when
 * there are fewer examples than needed). Gradients are computed on a copy of the network in inference mode, so
 * the network's BatchNorm statistics, dropout streams and gradients are untouched.
 */
public final class TaylorCriterion implements PruningCriterion {

    private final Dataset train;
    private final int batches;
    private final int batchSize;
    private final long seed;

    /**
     * @param train     the examples the gradients come from
     * @param batches   number of batches, at least 1
     * @param batchSize examples per batch, at least 1 (capped at the split's size)
     * @param seed      seed of the permutation that picks the batches
     * @throws IllegalArgumentException if a count is below 1 or the split is empty
     */
    public TaylorCriterion(Dataset train, int batches, int batchSize, long seed) {
        if (batches < 1 || batchSize < 1 || train.size() == 0) {
            throw new IllegalArgumentException("taylor criterion needs batches=" + batches + " >= 1, batch size="
                    + batchSize + " >= 1 and training examples (got " + train.size() + ")");
        }
        this.train = train;
        this.batches = batches;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public List<float[]> scores(Network net) {
        Network copy = net.copy();
        copy.setTraining(false, seed);
        List<Parameter> weights = copy.parameters().stream().filter(Parameter::prunable).toList();
        List<double[]> gradSums = new ArrayList<>();
        weights.forEach(p -> gradSums.add(new double[p.size()]));
        int n = train.size();
        int d = train.featureCount();
        int m = Math.min(batchSize, n);
        int[] order = permutation(n, new SplittableRandom(seed));
        float[] x = new float[m * d];
        int[] y = new int[m];
        int[] examples = new int[m];
        Objective loss = Objective.crossEntropy(copy.classCount());
        for (int b = 0; b < batches; b++) {
            for (int r = 0; r < m; r++) {
                int ex = order[(int) (((long) b * m + r) % n)];
                System.arraycopy(train.features(), ex * d, x, r * d, d);
                y[r] = train.labels()[ex];
                examples[r] = ex;
            }
            float[] logits = copy.forward(x, m);
            loss.forward(logits, y, examples, m);
            copy.backward(loss.backward(), m);
            for (int t = 0; t < weights.size(); t++) {
                float[] g = weights.get(t).grad();
                double[] sum = gradSums.get(t);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += g[i];
                }
            }
        }
        List<float[]> scores = new ArrayList<>(weights.size());
        for (int t = 0; t < weights.size(); t++) {
            float[] w = weights.get(t).data();
            double[] sum = gradSums.get(t);
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = (float) Math.abs(w[i] * sum[i] / batches);
            }
            scores.add(s);
        }
        return scores;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
