package dev.ablate.nn;

import dev.ablate.data.Dataset;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.models.ModelZoo;
import dev.ablate.spec.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small networks and synthetic data for the nn tests (MLPs come from the model zoo, so tests train exactly what trials train). */
final class TestNetworks {

    private TestNetworks() {
    }

    /** An MLP {@code in -> hidden... -> classes} with PyTorch default init from {@code seed}. */
    static Network mlp(long seed, int in, int classes, int... hidden) {
        return ModelZoo.build(new ModelConfig("mlp", Arrays.stream(hidden).boxed().toList(), "relu"), new int[] {in}, classes, seed);
    }

    /**
     * A 4-class problem that a linear model cannot solve: 8 features uniform in [-1, 1],
     * label = 2 * [x0 > 0] + [x1 * x2 > 0] (an XOR in the low bit).
     */
    static Dataset xorLike(String name, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = 8;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (2 * rng.nextDouble() - 1);
            }
            y[i] = (x[i * d] > 0 ? 2 : 0) + (x[i * d + 1] * x[i * d + 2] > 0 ? 1 : 0);
        }
        return new Dataset(name, x, y, new int[] {d}, List.of("a", "b", "c", "d"));
    }

    static double accuracy(Network net, Dataset data) {
        return QualityMetrics.accuracy(net, data);
    }

    static boolean bitIdentical(Network a, Network b) {
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        if (pa.size() != pb.size()) {
            return false;
        }
        for (int i = 0; i < pa.size(); i++) {
            float[] x = pa.get(i).data();
            float[] y = pb.get(i).data();
            if (!pa.get(i).name().equals(pb.get(i).name()) || x.length != y.length) {
                return false;
            }
            for (int j = 0; j < x.length; j++) {
                if (Float.floatToRawIntBits(x[j]) != Float.floatToRawIntBits(y[j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
