package dev.ablate.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * The {@code dataset:} block of a spec, fully resolved (every default filled in).
 *
 * @param name           registry name: {@code fashion-mnist}, {@code fashion-mnist-mini}, {@code csv} or {@code synthetic}
 * @param validation     number of training examples held out as a validation split (0 for none); the
 *                       split is a fixed function of the dataset, never of the trial seed
 * @param path           CSV file ({@code csv} only, else {@code null}); relative paths are resolved against the spec's folder
 * @param label          name of the CSV label column ({@code csv} only, else {@code null})
 * @param testFraction   fraction of CSV rows held out as the test split ({@code csv} only)
 * @param trainSize      training examples to generate ({@code synthetic} only)
 * @param testSize       test examples to generate ({@code synthetic} only)
 * @param features       features per example ({@code synthetic} only)
 * @param classes        number of classes ({@code synthetic} only)
 * @param generatorSeed  seed of the generator ({@code synthetic}) or of the CSV train/test shuffle ({@code csv})
 */
public record DatasetSpec(String name, int validation, String path, String label, double testFraction,
                          int trainSize, int testSize, int features, int classes, long generatorSeed) implements Serializable {

    private static final long serialVersionUID = 1L;

    public DatasetSpec {
        Objects.requireNonNull(name, "name");
        if (validation < 0) {
            throw new IllegalArgumentException("validation must be >= 0, got " + validation);
        }
    }

    /** A synthetic dataset with the given sizes, for tests. */
    public static DatasetSpec synthetic(int trainSize, int testSize, int features, int classes, long generatorSeed) {
        return new DatasetSpec("synthetic", 0, null, null, 0.0, trainSize, testSize, features, classes, generatorSeed);
    }

    /** This spec with a validation hold-out of {@code count} training examples. */
    public DatasetSpec withValidation(int count) {
        return new DatasetSpec(name, count, path, label, testFraction, trainSize, testSize, features, classes, generatorSeed);
    }

    /** A named image dataset (fashion-mnist, fashion-mnist-mini) with a validation hold-out of the given size. */
    public static DatasetSpec named(String name, int validation) {
        return new DatasetSpec(name, validation, null, null, 0.0, 0, 0, 0, 0, 0L);
    }
}
