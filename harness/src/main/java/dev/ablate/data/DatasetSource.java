package dev.ablate.data;

import dev.ablate.spec.DatasetSpec;

/**
 * Where a registry name's data comes from: loads the train and test examples a {@link DatasetSpec}
 * describes and names their identity cheaply. {@link DatasetRegistry} adds the validation split, the
 * fingerprint and per-JVM memoisation on top, so implementations neither cache nor split off validation
 * data themselves.
 */
public sealed interface DatasetSource permits FashionMnist, FashionMnistMini, CsvDatasets, SyntheticDatasets {

    /** The registry name this source answers to, e.g. {@code fashion-mnist}. */
    String name();

    /**
     * Loads the train and test examples.
     *
     * @param spec the dataset block of a spec whose name is {@link #name()}
     * @return the train and test examples
     * @throws DatasetUnavailableException if the source data cannot be found or fetched
     * @throws IllegalArgumentException    if the spec or the data is invalid (the message says which and where)
     */
    TrainTest load(DatasetSpec spec);

    /**
     * SHA-256 hex of everything that determines what {@link #load} returns: the source bytes (files,
     * resources) or the generator parameters and version, and this source's own train/test split rule.
     * Must be much cheaper than {@link #load} (hash bytes, never parse them).
     *
     * @param spec the dataset block of a spec whose name is {@link #name()}
     * @return 64 lowercase hex digits
     * @throws DatasetUnavailableException if the source data cannot be found or fetched
     */
    String sourceDigest(DatasetSpec spec);

    /**
     * The train and test examples a source provides, before the validation split is carved out.
     *
     * @param train training examples
     * @param test  test examples
     */
    record TrainTest(Dataset train, Dataset test) {
        /** Checks both splits are present and share class names and example shape. */
        public TrainTest {
            java.util.Objects.requireNonNull(train, "train");
            java.util.Objects.requireNonNull(test, "test");
            if (!train.classNames().equals(test.classNames())) {
                throw new IllegalArgumentException(train.name() + " and " + test.name()
                        + " have different class names: " + train.classNames() + " vs " + test.classNames());
            }
            if (!java.util.Arrays.equals(train.exampleShape(), test.exampleShape())) {
                throw new IllegalArgumentException(train.name() + " and " + test.name()
                        + " have different example shapes: " + java.util.Arrays.toString(train.exampleShape())
                        + " vs " + java.util.Arrays.toString(test.exampleShape()));
            }
        }
    }
}
