package dev.ablate.compress.quant.sim;

import dev.ablate.data.Dataset;

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
}
