package dev.ablate.compress.quant.sim;

import dev.ablate.data.Dataset;
import dev.ablate.data.Permutation;

import java.util.Objects;

/**
 * What calibration runs through a network: the first {@code batches} batches of {@code batchSize} examples of
 * a seeded shuffle ({@link dev.ablate.data.Permutation}) of the training data (never test data, so that test
 * accuracy stays an honest estimate), fewer if the data runs out.
 *
 * @param train     training examples
 * @param batches   number of batches, at least 1
 * @param batchSize examples per batch, at least 1
 * @param seed      seed of the shuffle
 */
public record CalibrationData(Dataset train, int batches, int batchSize, long seed) {

    /** @throws IllegalArgumentException if there is no data or a count is below 1 */
    public CalibrationData {
        Objects.requireNonNull(train, "train");
        if (batches < 1 || batchSize < 1 || train.size() == 0) {
            throw new IllegalArgumentException("calibration needs at least one batch of one example, got batches="
                    + batches + " batchSize=" + batchSize + " on " + train.size() + " examples of " + train.name());
        }
    }

    /** The calibration examples, in the order they are run, as a dataset (e.g. for bias correction). */
    public Dataset toDataset() {
        int d = train.featureCount();
        int n = (int) Math.min(train.size(), (long) batches * batchSize);
        int[] order = Permutation.of(train.size(), seed);
        float[] features = new float[n * d];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(train.features(), order[r] * d, features, r * d, d);
            labels[r] = train.labels()[order[r]];
        }
        return new Dataset(train.name() + "-calibration", features, labels, train.exampleShape(), train.classNames());
    }
}
