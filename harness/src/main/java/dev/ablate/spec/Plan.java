package dev.ablate.spec;

import java.util.List;
import java.util.Objects;

/**
 * The trials of a spec, in a deterministic order (sweep points in expansion order, seeds innermost).
 *
 * @param spec               the spec planned
 * @param datasetFingerprint fingerprint of the dataset the trial ids were computed with
 * @param trials             distinct trials
 * @param excluded           points dropped by {@code sweep.exclude} (counted once per seed)
 * @param duplicates         points that resolved to a config already planned and were merged into it
 */
public record Plan(Spec spec, String datasetFingerprint, List<Trial> trials, int excluded, int duplicates) {
    public Plan {
        Objects.requireNonNull(spec, "spec");
        trials = List.copyOf(trials);
    }
}
