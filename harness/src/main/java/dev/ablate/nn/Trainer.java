package dev.ablate.nn;

import dev.ablate.data.Dataset;
import dev.ablate.spec.EarlyStopping;
import dev.ablate.spec.TrainConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training with softmax cross-entropy, an {@link Optimizer}, a learning-rate schedule, optional
 * gradient clipping and optional early stopping, all with PyTorch semantics.
 *
 * <p>Each epoch shuffles the example order with one {@link SplittableRandom} seeded from {@code seed} (a
 * Fisher–Yates shuffle of the previous epoch's order), then walks it in batches of {@code cfg.batch()}; the
 * last, partial batch is included, except a last batch of one example in a network with BatchNorm (whose
 * batch statistics need two). Before each step the learning rate is set from {@link LrScheduler}; after
 * the backward pass the gradients are clipped to {@code cfg.clipGradNorm()} ({@link GradientClipping}) when
 * that is positive; then the optimizer steps. After each epoch the validation split, when not empty, is
 * evaluated in inference mode ({@link Network#logits}).
 *
 * <p>Layers are put in training mode at the start of every epoch with {@code setTraining(true, s)}, where
 * {@code s = seed + (epoch - 1) · 0x9E3779B97F4A7C15} (so epoch 1 uses {@code seed} itself): random layers
 * such as dropout get a distinct, reproducible stream per epoch whether or not a validation pass switched
 * them to inference mode in between. At the end they are left in inference mode.
 *
 * <p>Early stopping ({@link EarlyStopping}): after every epoch the monitored validation metric counts as
 * improved when it beats the best so far by more than {@code minDelta} (lower {@code val_loss}, higher
 * {@code val_accuracy}; the first epoch always improves). Training stops after {@code patience} consecutive
 * epochs without improvement, and at the end of the run (stopped or not) the parameter values of the best
 * epoch are copied back, with the BatchNorm running statistics of that epoch; masks are unchanged, and masked
 * values were already zero in the snapshot.
 *
 * <p>All buffers are allocated before the first step, so the loop allocates nothing per step (validation
 * allocates its logits once per epoch). The same network, data, config and seed give bit-identical weights
 * (single-threaded BLAS assumed, e.g. {@code OPENBLAS_NUM_THREADS=1} for a native library). Masks set on the
 * network's parameters persist: fine-tuning a pruned network is just {@code train}.
 */
public final class Trainer {

    /** The metrics early stopping can monitor ({@code train.early_stopping.monitor}). */
    public static final List<String> MONITORS = List.of("val_loss", "val_accuracy");

    /** Golden-ratio increment (as {@link SplittableRandom}'s) between the layer seeds of successive epochs. */
    private static final long EPOCH_SEED_STEP = 0x9E3779B97F4A7C15L;

    /**
     * Trains {@code net} in place.
     *
     * @param net        the network to train
     * @param train      training examples; feature count must equal {@code net.inputSize()}
     * @param validation validation examples, evaluated after every epoch; may be empty ({@code size() == 0})
     * @param cfg        epochs, batch size, optimizer, schedule, clipping and early stopping
     * @param seed       seed of the shuffling generator and of the layers' random streams
     * @param listener   called after every epoch; {@code null} for none
     * @return per-epoch statistics, the epoch whose weights the network holds, whether training stopped early,
     *         and the wall time
     * @throws DivergedException        if a batch loss is NaN or infinite (the network is left as it was
     *                                  after the previous step), or a parameter is at the end of an epoch
     * @throws IllegalArgumentException if the optimizer, schedule or early-stopping monitor is unknown, early
     *                                  stopping is configured without validation data, the data does not fit
     *                                  the network or a label is outside the network's classes
     */
    public TrainingResult train(Network net, Dataset train, Dataset validation, TrainConfig cfg, long seed,
                                EpochListener listener) {
        return train(net, train, validation, cfg, seed, listener, TrainingHooks.NONE);
    }

    /**
     * Trains {@code net} in place as {@link #train(Network, Dataset, Dataset, TrainConfig, long, EpochListener)}
     * does, minimizing {@code hooks.objective()} instead of cross-entropy, calling {@code hooks.stepHook()}
     * around every step (see {@link StepHook} for the order) and stopping after {@code hooks.epochLimit()}
     * epochs. With {@link TrainingHooks#NONE} the two are the same computation. An update the hook vetoes
     * leaves the parameters and the optimizer's state as they were; the step still counts for the learning-rate
     * schedule.
     */
    public TrainingResult train(Network net, Dataset train, Dataset validation, TrainConfig cfg, long seed,
                                EpochListener listener, TrainingHooks hooks) {
        checkFits(net, train);
        boolean validate = validation.size() > 0;
        if (validate) {
            checkFits(net, validation);
        }
        EarlyStopping stopping = cfg.earlyStopping();
        if (stopping != null) {
            checkEarlyStopping(stopping, validation);
        }
        LrScheduler schedule = new LrScheduler(cfg.schedule(), cfg.lr(), cfg.epochs());
        List<Parameter> params = net.parameters();
        Optimizer optimizer = Optimizer.forConfig(cfg, params);

        EpochListener sink = listener == null ? EpochListener.NONE : listener;
        long start = System.nanoTime();
        int n = train.size();
        int d = net.inputSize();
        int c = net.classCount();
        int batch = Math.min(cfg.batch(), Math.max(n, 1));
        int used = usedExamples(net, n, batch);
        int stepsPerEpoch = (used + batch - 1) / batch;
        float[] features = train.features();
        int[] labels = train.labels();

        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xb = new float[batch * d];
        int[] yb = new int[batch];
        int[] eb = new int[batch];
        Objective loss = hooks.objective().apply(c);
        StepHook hook = hooks.stepHook();
        long globalStep = 0;
        SoftmaxCrossEntropy validationLoss = new SoftmaxCrossEntropy(c);
        int epochs = Math.min(cfg.epochs(), hooks.epochLimit());
        BestWeights tracker = stopping == null ? null : new BestWeights(net, stopping);

        List<EpochStats> history = new ArrayList<>(cfg.epochs());
        int bestEpoch = 0;
        boolean stoppedEarly = false;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long epochStart = System.nanoTime();
            net.setTraining(true, seed + (epoch - 1) * EPOCH_SEED_STEP);
            shuffle(order, rng);
            double lossSum = 0;
            long correct = 0;
            double lr = schedule.learningRate(epoch - 1, 0, stepsPerEpoch);
            int step = 0;
            for (int s = 0; s < used; s += batch) {
                lr = schedule.learningRate(epoch - 1, step, stepsPerEpoch);
                step++;
                int m = Math.min(batch, used - s);
                for (int r = 0; r < m; r++) {
                    int ex = order[s + r];
                    System.arraycopy(features, ex * d, xb, r * d, d);
                    yb[r] = labels[ex];
                    eb[r] = ex;
                }
                hook.beforeForward(globalStep);
                float[] logits = net.forward(xb, m);
                double l = loss.forward(logits, yb, eb, m);
                if (!Double.isFinite(l)) {
                    throw new DivergedException(epoch, step, l);
                }
                correct += correctCount(logits, yb, m, c);
                lossSum += l * m;
                float[] gradLogits = loss.backward();
                float scale = hook.lossScale();
                if (scale != 1f) {
                    for (int j = 0; j < m * c; j++) {
                        gradLogits[j] *= scale;
                    }
                }
                net.backward(gradLogits, m);
                if (hook.beforeUpdate(globalStep)) {
                    if (cfg.clipGradNorm() > 0) {
                        GradientClipping.clipGradNorm(params, cfg.clipGradNorm());
                    }
                    optimizer.setLearningRate(lr);
                    optimizer.step();
                    hook.afterUpdate(globalStep);
                }
                globalStep++;
            }
            requireFinite(params, epoch);
            double trainLoss = used == 0 ? Double.NaN : lossSum / used;
            double trainAccuracy = used == 0 ? Double.NaN : (double) correct / used;
            double[] val = validate ? validationStats(net, validation, validationLoss)
                    : new double[] {Double.NaN, Double.NaN};
            EpochStats stats = new EpochStats(epoch, trainLoss, trainAccuracy, val[0], val[1], lr,
                    (System.nanoTime() - epochStart) / 1e9);
            history.add(stats);
            if (tracker == null) {
                bestEpoch = epoch;
            } else {
                bestEpoch = tracker.record(epoch, stats);
                stoppedEarly = tracker.exhausted() && epoch < epochs;
            }
            sink.onEpoch(stats);
            if (stoppedEarly) {
                break;
            }
        }
        if (tracker != null && bestEpoch != history.size()) {
            tracker.restore();
        }
        net.setTraining(false, seed);
        return new TrainingResult(history, bestEpoch, stoppedEarly, (System.nanoTime() - start) / 1e9, stepsPerEpoch);
    }

    private static void checkEarlyStopping(EarlyStopping stopping, Dataset validation) {
        if (validation.size() == 0) {
            throw new IllegalArgumentException("train.early_stopping needs validation data, but the validation "
                    + "split '" + validation.name() + "' is empty: set dataset.validation to a positive number "
                    + "of examples");
        }
        if (!MONITORS.contains(stopping.monitor())) {
            throw new IllegalArgumentException("train.early_stopping.monitor: unknown metric '"
                    + stopping.monitor() + "' (expected one of " + String.join(", ", MONITORS) + ")");
        }
    }

    /** Validation loss and accuracy of {@code net} in its current mode: {@code {loss, accuracy}}. */
    private static double[] validationStats(Network net, Dataset validation, SoftmaxCrossEntropy loss) {
        int nv = validation.size();
        float[] logits = net.logits(validation.features(), nv);
        return new double[] {loss.forward(logits, validation.labels(), nv),
                (double) correctCount(logits, validation.labels(), nv, net.classCount()) / nv};
    }

    /**
     * Early stopping's bookkeeping: the best epoch by the monitored metric, the epochs since it, and a copy of
     * the state it restores (parameter values and BatchNorm running statistics) taken at that epoch.
     */
    private static final class BestWeights {
        private final EarlyStopping stopping;
        private final boolean lowerIsBetter;
        private final List<float[]> state = new ArrayList<>();
        private final float[][] best;
        private double bestMetric = Double.NaN;
        private int bestEpoch;
        private int sinceImprovement;

        BestWeights(Network net, EarlyStopping stopping) {
            this.stopping = stopping;
            this.lowerIsBetter = "val_loss".equals(stopping.monitor());
            net.parameters().forEach(p -> state.add(p.data()));
            for (Layer l : net.layers()) {
                if (l instanceof BatchNorm bn) {
                    state.add(bn.runningMean());
                    state.add(bn.runningVar());
                }
            }
            best = new float[state.size()][];
            for (int i = 0; i < best.length; i++) {
                best[i] = new float[state.get(i).length];
            }
        }

        /** Takes an epoch's result into account and returns the best epoch so far. */
        int record(int epoch, EpochStats stats) {
            double metric = lowerIsBetter ? stats.validationLoss() : stats.validationAccuracy();
            boolean improved = bestEpoch == 0 || (lowerIsBetter
                    ? metric < bestMetric - stopping.minDelta()
                    : metric > bestMetric + stopping.minDelta());
            if (improved) {
                bestMetric = metric;
                bestEpoch = epoch;
                sinceImprovement = 0;
                for (int i = 0; i < best.length; i++) {
                    System.arraycopy(state.get(i), 0, best[i], 0, best[i].length);
                }
            } else {
                sinceImprovement++;
            }
            return bestEpoch;
        }

        /** Whether {@code patience} epochs passed without improvement. */
        boolean exhausted() {
            return sinceImprovement >= stopping.patience();
        }

        /** Puts the best epoch's state back into the network. */
        void restore() {
            for (int i = 0; i < best.length; i++) {
                System.arraycopy(best[i], 0, state.get(i), 0, best[i].length);
            }
        }
    }

    /**
     * Optimizer steps per epoch when {@code net} trains on {@code examples} examples with batch size
     * {@code batch}: what a {@link StepHook} needs to know to plan over a whole run.
     *
     * @throws IllegalArgumentException if {@code examples} is negative or {@code batch} below 1
     */
    public static int stepsPerEpoch(Network net, int examples, int batch) {
        if (examples < 0 || batch < 1) {
            throw new IllegalArgumentException("examples=" + examples + " must be >= 0 and batch=" + batch + " >= 1");
        }
        int b = Math.min(batch, Math.max(examples, 1));
        return (usedExamples(net, examples, b) + b - 1) / b;
    }

    /** Examples an epoch walks: all, except a last batch of one in a network with BatchNorm. */
    private static int usedExamples(Network net, int n, int batch) {
        // BatchNorm cannot normalize a single example (PyTorch refuses it too)
        return n % batch == 1 && n > 1 && hasBatchNorm(net) ? n - 1 : n;
    }

    /** Every parameter value finite, or {@link DivergedException} naming the first that is not. */
    private static void requireFinite(List<Parameter> params, int epoch) {
        for (Parameter p : params) {
            float[] v = p.data();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new DivergedException(epoch, p.name(), i, v[i]);
                }
            }
        }
    }

    private static void checkFits(Network net, Dataset data) {
        if (data.featureCount() != net.inputSize()) {
            throw new IllegalArgumentException(data.name() + ": " + data.featureCount()
                    + " features per example but the network takes " + net.inputSize());
        }
    }

    private static long correctCount(float[] logits, int[] labels, int n, int c) {
        long correct = 0;
        for (int r = 0; r < n; r++) {
            if (Network.argmax(logits, r * c, c) == labels[r]) {
                correct++;
            }
        }
        return correct;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static boolean hasBatchNorm(Network net) {
        return net.layers().stream().anyMatch(l -> l instanceof BatchNorm);
    }
}
