package dev.ablate.compress.quant.ptq;

import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Network;
import dev.ablate.spec.ModelConfig;

import java.util.List;
import java.util.SplittableRandom;

/** Networks, inputs and metrics shared by the PTQ tests. */
final class PtqTestNetworks {

    private PtqTestNetworks() {
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
        int[] pred = net.predict(data.features(), data.size());
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == data.labels()[i]) {
                ok++;
            }
        }
        return (double) ok / pred.length;
    }
}
