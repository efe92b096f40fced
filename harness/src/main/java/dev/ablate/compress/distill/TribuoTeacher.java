package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetSplits;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Tribuo classifier as teacher: its predicted class probabilities, as {@code log p}, are the soft targets.
 * A class the model never saw in training (so absent from its output domain) gets probability 0
 * ({@code -Infinity}); labels are matched to our classes by name (see {@link TribuoExamples}).
 */
final class TribuoTeacher implements Teacher {

    /**
     * Tree teachers train one at a time in a JVM: each holds a Tribuo copy of the training split while it trains
     * (about 0.5 GB for Fashion-MNIST, plus XGBoost's native matrix), and two at once overran a 4 GB executor heap
     * beside the cached datasets. Other stages keep running beside the one training.
     */
    private static final Object TRAINING = new Object();

    /** Predictions are made this many examples at a time, bounding the converted copies held at once. */
    private static final int PREDICT_CHUNK = 4096;

    /** Makes a fresh Tribuo trainer, seeded, for data with {@code featureCount} features. */
    @FunctionalInterface
    interface TrainerFactory {
        /** @throws IllegalArgumentException if the trainer cannot handle that many features */
        Trainer<Label> create(int featureCount, long seed);
    }

    private final TrainerFactory trainers;

    TribuoTeacher(TrainerFactory trainers) {
        this.trainers = Objects.requireNonNull(trainers, "trainers");
    }

    @Override
    public TrainedTeacher train(DatasetSplits splits, long seed) {
        TribuoExamples examples = new TribuoExamples(splits.train());
        Model<Label> model;
        synchronized (TRAINING) {
            model = trainers.create(splits.train().featureCount(), seed).train(examples.dataset(splits.train()));
        }
        if (!model.generatesProbabilities()) {
            throw new IllegalStateException("Tribuo model " + model.getClass().getSimpleName()
                    + " does not generate probabilities, so it cannot teach");
        }
        return split -> softTargets(model, examples, split);
    }

    private static SoftTargets softTargets(Model<Label> model, TribuoExamples examples, Dataset split) {
        List<String> classes = examples.classNames();
        int c = classes.size();
        float[] logProbabilities = new float[split.size() * c];
        for (int from = 0; from < split.size(); from += PREDICT_CHUNK) {
            int to = Math.min(split.size(), from + PREDICT_CHUNK);
            List<Prediction<Label>> predictions = model.predict(examples.examples(split, from, to));
            for (int i = from; i < to; i++) {
                Map<String, Label> scores = predictions.get(i - from).getOutputScores();
                int matched = 0;
                for (int k = 0; k < c; k++) {
                    Label label = scores.get(classes.get(k));
                    matched += label == null ? 0 : 1;
                    logProbabilities[i * c + k] = (float) Math.log(label == null ? 0 : label.getScore());
                }
                if (matched != scores.size()) {
                    throw new IllegalStateException("Tribuo predicted labels " + scores.keySet()
                            + " outside the classes " + classes);
                }
            }
        }
        return SoftTargets.fromLogits(logProbabilities, c, split.labels());
    }
}
