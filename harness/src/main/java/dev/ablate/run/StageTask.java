package dev.ablate.run;

import dev.ablate.spec.DatasetSpec;
import java.io.Serializable;
import java.util.Objects;

/**
 * What an executor needs to compute one stage node, as plain data: the trial's resolved
 * config as canonical JSON, from which the executor rebuilds the stage chain and its keys.
 *
 * @param nodeKey            key of the node to compute (checked against the rebuilt chain)
 * @param kind               what to do: a model stage, or EVALUATE
 * @param modelIndex         index in the chain of the model stage to compute or evaluate
 * @param trialConfigJson    canonical JSON of a resolved trial config that contains this node
 * @param seed               that trial's seed
 * @param dataset            the dataset
 * @param datasetFingerprint the dataset's fingerprint (part of the keys)
 * @param resultsRoot        results root holding {@code _artifacts/}
 */
public record StageTask(String nodeKey, StageKind kind, int modelIndex, String trialConfigJson, long seed,
                        DatasetSpec dataset, String datasetFingerprint, String resultsRoot)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public StageTask {
        Objects.requireNonNull(nodeKey, "nodeKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trialConfigJson, "trialConfigJson");
    }
}
