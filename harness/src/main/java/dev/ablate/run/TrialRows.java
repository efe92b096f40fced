package dev.ablate.run;

import static dev.ablate.results.TrialsTable.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.spec.Plan;
import dev.ablate.spec.Trial;
import dev.ablate.spec.TrialConfig;
import dev.ablate.spec.TrialKey;

/**
 * Builds the {@code trials} row of a trial from its config, the outcome of its result node and its
 * baseline's accuracy. The axes columns are flattened from the resolved config so they can never disagree
 * with the {@code config} column.
 */
final class TrialRows {

    private TrialRows() {
    }

    /**
     * @param outcome          the outcome of the trial's result node (or the upstream failure)
     * @param baselineAccuracy accuracy of the same-seed baseline, or null if unknown
     * @param master           what ran the stages
     */
    static Row build(Plan plan, Trial trial, StageOutcome outcome, Double baselineAccuracy, Provenance provenance,
                     String master) {
        TrialConfig c = trial.typed();
        JsonNode config = trial.config();
        Row.Builder b = Row.builder(TrialsTable.SCHEMA)
                .set(EXPERIMENT, plan.spec().experiment())
                .set(TRIAL_ID, trial.id())
                .set(RUN_ID, provenance.runId())
                .set(SPEC_HASH, plan.spec().specHash())
                .set(SEED, trial.seed())
                .set(STATUS, outcome.status())
                .set(ERROR, outcome.error())
                .set(SWEEP_POINT, TrialKey.canonicalJson(trial.sweepPoint()))
                .set(CONFIG, TrialKey.canonicalJson(config))
                .set(DATASET, plan.spec().dataset().name())
                .set(MODEL_ARCH, c.model().arch())
                .set(TECHNIQUE, c.technique())
                .set(HARNESS_VERSION, provenance.harnessVersion())
                .set(GIT_COMMIT, provenance.gitCommit())
                .set(JAVA_VERSION, provenance.javaVersion())
                .set(SPARK_MASTER, master)
                .set(EXECUTOR, outcome.executor())
                .set(HOST, outcome.host())
                .set(STARTED_AT, outcome.startedAt())
                .set(FINISHED_AT, outcome.finishedAt())
                .set(DATASET_FINGERPRINT, plan.datasetFingerprint())
                .set(BASELINE_ACCURACY, baselineAccuracy);
        if (c.quantize() != null) {
            b.set(W_FORMAT, c.quantize().weights().format())
                    .set(W_BITS, c.quantize().weights().bits())
                    .set(GRANULARITY, c.quantize().weights().granularity().specName())
                    .set(QUANT_METHOD, c.quantize().method())
                    .set(CALIBRATION, "minmax");
        }
        if (c.prune() != null) {
            b.set(SPARSITY_TARGET, c.prune().sparsity())
                    .set(PRUNE_METHOD, c.prune().criterion() + "/" + c.prune().scope() + "/" + c.prune().structure())
                    .set(PRUNE_SCHEDULE, c.prune().schedule())
                    .set(FINETUNE_EPOCHS, c.prune().finetuneEpochs());
        }
        if (outcome.resultJson() != null) {
            TrialResult r = TrialResult.fromJson(outcome.resultJson());
            b.set(ACCURACY, r.accuracy())
                    .set(MACRO_F1, r.macroF1())
                    .set(NLL, r.nll())
                    .set(ECE, r.ece())
                    .set(MODEL_PARAMS, r.paramsTotal())
                    .set(PARAMS_TOTAL, r.paramsTotal())
                    .set(PARAMS_NONZERO, r.paramsNonzero())
                    .set(SPARSITY, r.paramsTotal() == 0 ? null : 1.0 - (double) r.paramsNonzero() / r.paramsTotal())
                    .set(TRAIN_SECONDS, r.trainSeconds())
                    .set(COMPRESS_SECONDS, r.compressSeconds())
                    .set(EVAL_SECONDS, r.evalSeconds())
                    .set(BLAS, r.blas());
            if (baselineAccuracy != null && r.accuracy() != null) {
                double drop = baselineAccuracy - r.accuracy();
                b.set(ACCURACY_DROP, drop).set(RELATIVE_DROP, baselineAccuracy == 0 ? null : drop / baselineAccuracy);
            }
        }
        return b.build();
    }
}
