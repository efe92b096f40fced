package dev.ablate.nn;

import dev.ablate.data.Dataset;
import dev.ablate.spec.TrainConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training with softmax cross-entropy and {@link Sgd}.
 *
 * <p>Each epoch shuffles the example order with one {@link SplittableRandom} seeded from {@code seed} (a
 * Fisher–Yates shuffle of the previous epoch's order), then walks it in batches of {@code cfg.batch()}; the
 * last, partial batch is included. All buffers are allocated before the first step, so the loop allocates
 * nothing per step. The same network, data, config and seed give bit-identical weights (single-threaded
 * BLAS assumed, e.g. {@code OPENBLAS_NUM_THREADS=1} for a native library).
 *
 * <p>Masks set on the network's parameters persist: fine-tuning a pruned network is just {@code train}.
 */
public final class Trainer {

    /**
     * Trains {@code net} in place.
     *
     * @param net      the network to train
     * @param train    training examples; feature count must equal {@code net.inputSize()}
     * @param cfg      epochs, batch size and SGD settings; {@code optimizer} must be {@code sgd}
     * @param seed     seed of the shuffling generator
     * @param listener called after every epoch; {@code null} for none
     * @return per-epoch loss and accuracy, and the wall time
     * @throws DivergedException        if a batch loss is NaN or infinite (the network is left as it was
     *                                  after the previous step)
     * @throws IllegalArgumentException if the optimizer is not {@code sgd}, the data does not fit the network
     *                                  or a label is outside the network's classes
     */
    public TrainingResult train(Network net, Dataset train, TrainConfig cfg, long seed, EpochListener listener) {
        if (!"sgd".equals(cfg.optimizer())) {
            throw new IllegalArgumentException("unsupported optimizer '" + cfg.optimizer() + "' (supported: sgd)");
        }
        if (train.featureCount() != net.inputSize()) {
            throw new IllegalArgumentException(train.name() + ": " + train.featureCount()
                    + " features per example but the network takes " + net.inputSize());
        }
        EpochListener sink = listener == null ? EpochListener.NONE : listener;
        long start = System.nanoTime();
        int n = train.size();
        int d = net.inputSize();
        int c = net.classCount();
        int batch = Math.min(cfg.batch(), Math.max(n, 1));
        float[] features = train.features();
        int[] labels = train.labels();

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xb = new float[batch * d];
        int[] yb = new int[batch];
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(c);
        Sgd sgd = new Sgd(net.parameters(), cfg.lr(), cfg.momentum(), cfg.weightDecay());

        net.setTraining(true, seed);
        List<Double> losses = new ArrayList<>(cfg.epochs());
        List<Double> accuracies = new ArrayList<>(cfg.epochs());
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            shuffle(order, rng);
            double lossSum = 0;
            long correct = 0;
            int step = 0;
            for (int s = 0; s < n; s += batch) {
                step++;
                int m = Math.min(batch, n - s);
                for (int r = 0; r < m; r++) {
                    int ex = order[s + r];
                    System.arraycopy(features, ex * d, xb, r * d, d);
                    yb[r] = labels[ex];
                }
                float[] logits = net.forward(xb, m);
                double l = loss.forward(logits, yb, m);
                if (!Double.isFinite(l)) {
                    throw new DivergedException(epoch, step, l);
                }
                for (int r = 0; r < m; r++) {
                    if (Network.argmax(logits, r * c, c) == yb[r]) {
                        correct++;
                    }
                }
                lossSum += l * m;
                net.backward(loss.backward(), m);
                sgd.step();
            }
            double meanLoss = n == 0 ? Double.NaN : lossSum / n;
            double acc = n == 0 ? Double.NaN : (double) correct / n;
            losses.add(meanLoss);
            accuracies.add(acc);
            sink.onEpoch(epoch, meanLoss, acc);
        }
        net.setTraining(false, seed);
        return new TrainingResult(losses, accuracies, (System.nanoTime() - start) / 1e9);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
