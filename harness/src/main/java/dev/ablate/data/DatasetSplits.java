package dev.ablate.data;

import java.util.Objects;

/**
 * The splits every trial uses. The validation split is carved out of the training data by a fixed rule
 * (never the trial seed), so every trial of a sweep sees the same three splits.
 *
 * @param train       training examples (validation examples removed)
 * @param validation  held-out training examples (may be empty)
 * @param test        test examples; used for reporting only, never for training or calibration
 * @param fingerprint SHA-256 hex of the source data and the split rule; part of every trial id
 */
public record DatasetSplits(Dataset train, Dataset validation, Dataset test, String fingerprint) {
    public DatasetSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
