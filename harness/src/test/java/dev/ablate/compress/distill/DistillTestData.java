package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.DatasetSplits;
import dev.ablate.spec.DatasetSpec;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TeacherConfig;
import dev.ablate.spec.TrainConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small problem and configs the distillation tests share. */
final class DistillTestData {

    static final int FEATURES = 8;
    static final int CLASSES = 4;

    private DistillTestData() {
    }

    /** Gaussian blobs: 8 features, 4 classes, 800 training examples (100 of them validation), 400 test. */
    static DatasetSplits blobs() {
        return DatasetRegistry.load(DatasetSpec.synthetic(800, 400, FEATURES, CLASSES, 5).withValidation(100));
    }

    static TrainConfig adam(int epochs) {
        return new TrainConfig(epochs, 32, "adam", 0.01, 0.0, 0.0);
    }

    static TeacherConfig tree(String arch, int trees, int maxDepth) {
        return new TeacherConfig(new ModelConfig(arch, List.of(), "relu", 0, false, 1.0, trees, maxDepth), adam(1));
    }

    static TeacherConfig mlp(List<Integer> hidden, int epochs) {
        return new TeacherConfig(new ModelConfig("mlp", hidden, "relu"), adam(epochs));
    }

    /** {@code data} with its classes renamed (same indices). */
    static Dataset renamed(Dataset data, List<String> classNames) {
        return new Dataset(data.name(), data.features(), data.labels(), data.exampleShape(), classNames);
    }

    /** Every row is a distribution: logsumexp = 0. */
    static void assertRowsAreLogProbabilities(SoftTargets t) {
        float[] lp = t.logProbabilities();
        for (int r = 0; r < t.size(); r++) {
            double sum = 0;
            for (int j = 0; j < t.classes(); j++) {
                sum += Math.exp(lp[r * t.classes() + j]);
            }
            assertEquals(1.0, sum, 1e-5, "row " + r);
        }
    }
}
