package dev.ablate.compress.quant.ptq;

import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetSource;
import dev.ablate.data.SyntheticDatasets;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Network;
import dev.ablate.nn.Trainer;
import dev.ablate.spec.DatasetSpec;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Networks, inputs and metrics shared by the PTQ tests. */
final class PtqTestNetworks {

    private PtqTestNetworks() {
    }

    /**
     * An MLP 16-32-32-6 trained briefly on Gaussian blobs: the first 1000 training examples train it, the other
     * 500 are its validation split, and the test split is held out.
     */
    record Trained(Network net, Dataset train, Dataset validation, Dataset heldOut) {
        static Trained mlp() {
            DatasetSource.TrainTest data = new SyntheticDatasets().load(DatasetSpec.synthetic(1500, 1000, 16, 6, 21));
            Dataset all = data.train();
            Dataset train = slice(all, "train", 0, 1000);
            Dataset validation = slice(all, "validation", 1000, 1500);
            Network net = zoo("mlp", List.of(32, 32), new int[] {16}, 6, 4);
            new Trainer().train(net, train, slice(all, "none", 0, 0), new TrainConfig(8, 32, "sgd", 0.05, 0.9, 1e-4),
                    9, null);
            return new Trained(net, train, validation, data.test());
        }

        private static Dataset slice(Dataset d, String name, int from, int to) {
            int f = d.featureCount();
            return new Dataset(d.name() + "/" + name, Arrays.copyOfRange(d.features(), from * f, to * f),
                    Arrays.copyOfRange(d.labels(), from, to), d.exampleShape(), d.classNames());
        }
    }

    static Network zoo(String arch, List<Integer> hidden, int[] shape, int classes, long seed) {
        return ModelZoo.build(new ModelConfig(arch, hidden, "relu"), shape, classes, seed);
    }

    static float[] gaussian(int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            // sum of uniforms: cheap, roughly normal, deterministic
            x[i] = (float) (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5);
        }
        return x;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s / a.length;
    }

    static double accuracy(Network net, Dataset data) {
        return QualityMetrics.accuracy(net, data);
    }
}
