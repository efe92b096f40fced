package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.PruneConfig;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small networks, data and configs for the pruning tests. */
final class PruneFixtures {

    private PruneFixtures() {
    }

    static Network mlp(long seed) {
        return ModelZoo.build(new ModelConfig("mlp", List.of(24, 12), "relu"), new int[] {8}, 4, seed);
    }

    /** 4 classes from 8 uniform features: 2·[x0 > 0] + [x1 > 0]; learnable by a small MLP. */
    static Dataset quadrants(String name, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) {
                x[i * 8 + j] = (float) (2 * rng.nextDouble() - 1);
            }
            y[i] = (x[i * 8] > 0 ? 2 : 0) + (x[i * 8 + 1] > 0 ? 1 : 0);
        }
        return new Dataset(name, x, y, new int[] {8}, List.of("a", "b", "c", "d"));
    }

    static float[] gaussian(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    static PruneConfig config(String criterion, String scope, String structure, double sparsity,
                              Map<String, Double> layers, String schedule, int finetuneEpochs, int rounds) {
        return new PruneConfig(criterion, scope, structure, 2, sparsity, layers, schedule, finetuneEpochs, rounds, 0,
                0.75, 3, 0, false, 2, null);
    }

    static int zeros(float[] mask) {
        int z = 0;
        for (float m : mask) {
            z += m == 0f ? 1 : 0;
        }
        return z;
    }

    static List<Parameter> weights(Network net) {
        return net.parameters().stream().filter(Parameter::prunable).toList();
    }
}
