/**
 * Datasets for Ablate trials: dense in-memory data ({@link dev.ablate.data.Dataset}: float32 features, int
 * labels, class names), the registry that turns a spec's {@code dataset:} block into train, validation and
 * test splits with a fingerprint ({@link dev.ablate.data.DatasetRegistry}), and the sources behind it —
 * Fashion-MNIST ({@link dev.ablate.data.FashionMnist}) read by a direct IDX reader
 * ({@link dev.ablate.data.IdxReader}), the bundled subset {@link dev.ablate.data.FashionMnistMini}, any
 * CSV file through Tribuo ({@link dev.ablate.data.CsvDatasets}) and Gaussian blobs
 * ({@link dev.ablate.data.SyntheticDatasets}).
 *
 * <p>Splits never depend on a trial's seed: the validation hold-out is a fixed function of the dataset,
 * so every trial of a sweep sees the same data. Data is loaded once per JVM and shared read-only.
 * This package depends only on {@code dev.ablate.spec}, the JDK and Tribuo's data loading; it knows
 * nothing of Spark, networks or compression.
 */
package dev.ablate.data;
