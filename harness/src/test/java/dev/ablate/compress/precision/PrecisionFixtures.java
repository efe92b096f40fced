package dev.ablate.compress.precision;

import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.nn.TrainingResult;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.PrecisionConfig;
import dev.ablate.spec.TrainConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small data, networks and a training call for the low-precision training tests. */
final class PrecisionFixtures {

    /** Features per example of {@link #blobs}. */
    static final int FEATURES = 8;
    /** Classes of {@link #blobs}. */
    static final int CLASSES = 4;

    private PrecisionFixtures() {
    }

    /** Four Gaussian blobs (unit variance) centred at ±1.5 on the first two axes: nearly separable by a linear model. */
    static Dataset blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(CLASSES);
            y[i] = c;
            for (int j = 0; j < FEATURES; j++) {
                double centre = j == 0 ? (c % 2 == 0 ? 1.5 : -1.5) : j == 1 ? (c < 2 ? 1.5 : -1.5) : 0;
                x[i * FEATURES + j] = (float) (centre + gaussian(rng));
            }
        }
        return new Dataset("blobs", x, y, new int[] {FEATURES}, List.of("a", "b", "c", "d"));
    }

    /** The same examples' split with none: for trainer runs without validation. */
    static Dataset none(Dataset data) {
        return new Dataset(data.name() + "-none", new float[0], new int[0], data.exampleShape(), data.classNames());
    }

    /** Multinomial logistic regression {@code 8 -> 4}, PyTorch init from {@code seed}. */
    static Network logreg(long seed) {
        return ModelZoo.build(new ModelConfig("logreg", List.of(), "relu"), new int[] {FEATURES}, CLASSES, seed);
    }

    /** An MLP {@code 8 -> 16 -> relu -> 4}, PyTorch init from {@code seed}. */
    static Network mlp(long seed) {
        return ModelZoo.build(new ModelConfig("mlp", List.of(16), "relu"), new int[] {FEATURES}, CLASSES, seed);
    }

    /** A config with these formats and rounding, master weights as given, no loss scaling. */
    static PrecisionConfig formats(String weights, String activations, String gradients, String rounding,
                                   boolean masterWeights) {
        return new PrecisionConfig(weights, activations, gradients, rounding, masterWeights, "none", 1, 2000);
    }

    /** Trains {@code prepared}'s training network with its hook under {@code hooks}, then finishes it. */
    static TrainingResult train(LowPrecisionTraining.Prepared prepared, Dataset data, TrainConfig cfg, long seed,
                                TrainingHooks hooks) {
        TrainingResult result = new Trainer().train(prepared.trainingNetwork(), data, none(data), cfg, seed, null,
                hooks.withStepHook(prepared.hook()));
        prepared.finish();
        return result;
    }

    /** Copies of every parameter's values, in order. */
    static List<float[]> values(Network net) {
        List<float[]> values = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            values.add(p.data().clone());
        }
        return values;
    }

    /** Whether two value lists are equal bit for bit. */
    static boolean bitIdentical(List<float[]> a, List<float[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
