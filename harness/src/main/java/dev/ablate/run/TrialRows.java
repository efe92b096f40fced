package dev.ablate.run;

import static dev.ablate.results.TrialsTable.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.nn.EpochStats;
import dev.ablate.results.CurvesTable;
import dev.ablate.metrics.latency.LatencySample;
import dev.ablate.results.LatencyTable;
import dev.ablate.results.LayersTable;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.spec.Plan;
import dev.ablate.spec.PrecisionConfig;
import dev.ablate.spec.QuantizeConfig;
import dev.ablate.spec.Trial;
import dev.ablate.spec.TrialConfig;
import dev.ablate.spec.TrialKey;
import dev.ablate.spec.WeightQuantConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * @param result           the evaluation in that outcome, or null if it failed
     * @param baselineAccuracy accuracy of the same-seed baseline, or null if unknown
     * @param master           what ran the stages
     */
    static Row build(Plan plan, Trial trial, StageOutcome outcome, TrialResult result, Double baselineAccuracy,
                     Provenance provenance, String master) {
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
            QuantizeConfig q = c.quantize();
            WeightQuantConfig w = q.weights();
            b.set(W_FORMAT, w.format())
                    // a mixed-precision search chooses per-layer widths: they are in the layers table
                    .set(W_BITS, q.mixedPrecision() == null ? w.elementBits() : null)
                    .set(GRANULARITY, w.hasGranularity() ? w.granularity().specName() : null)
                    .set(QUANT_METHOD, q.method())
                    .set(ROUNDING, w.hasRounding() ? w.rounding() : null);
            if (q.activations() != null) {
                b.set(A_FORMAT, q.activations().format()).set(A_BITS, q.activations().bits())
                        .set(CALIBRATION, q.activations().calibration());
            } else if (w.hasCalibration()) {
                b.set(CALIBRATION, w.calibration());
            }
            if (q.qat() != null) {
                b.set(FINETUNE_EPOCHS, q.qat().epochs());
            }
        }
        if (c.prune() != null) {
            b.set(SPARSITY_TARGET, c.prune().sparsity())
                    .set(PRUNE_METHOD, c.prune().criterion() + "/" + c.prune().scope() + "/" + c.prune().structure())
                    .set(PRUNE_SCHEDULE, c.prune().schedule())
                    .set(FINETUNE_EPOCHS, c.prune().finetuneEpochs());
        }
        if (c.distill() != null) {
            b.set(TEACHER_ARCH, String.join("+", c.distill().teachers().stream().map(t -> t.model().arch()).toList()))
                    .set(TEMPERATURE, c.distill().kd().temperature())
                    .set(ALPHA, c.distill().kd().alpha());
        }
        if (c.precision() != null) {
            PrecisionConfig p = c.precision();
            b.set(TRAIN_PRECISION, "w:" + p.weights() + " a:" + p.activations() + " g:" + p.gradients()
                    + (p.masterWeights() ? "" : " no-master") + ("none".equals(p.lossScaling()) ? "" : " ls:" + p.lossScaling()));
            if (c.quantize() == null) {
                b.set(ROUNDING, p.rounding());
            }
        }
        if (result != null) {
            TrialResult r = result;
            b.set(ACCURACY, r.accuracy())
                    .set(ACCURACY_DEPLOYED, r.accuracyDeployed())
                    .set(DEPLOYED_AGREEMENT, r.deployedAgreement())
                    .set(TEACHER_ACCURACY, r.teacherAccuracy())
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
            Efficiency e = r.efficiency();
            if (e != null) {
                b.set(MODEL_BYTES, e.modelBytes())
                        .set(MODEL_BYTES_CODED, e.modelBytesCoded())
                        .set(COMPRESSION_RATIO, e.compressionRatio())
                        .set(MACS, e.macs())
                        .set(MACS_DENSE, e.macsDense())
                        .set(BOPS, e.bops())
                        .set(ENERGY_PJ, e.energyPj());
            }
            if (r.latency() != null) {
                r.latency().deployed(1).ifPresent(s -> b.set(LATENCY_MS_B1, s.medianMs()).set(LATENCY_KERNEL, s.kernel()));
                r.latency().deployed(64).ifPresent(s -> b.set(THROUGHPUT_B64, s.throughput())
                        .set(THROUGHPUT_KERNEL, s.kernel()));
            }
            if (baselineAccuracy != null && r.accuracy() != null) {
                double drop = baselineAccuracy - r.accuracy();
                b.set(ACCURACY_DROP, drop).set(RELATIVE_DROP, baselineAccuracy == 0 ? null : drop / baselineAccuracy);
            }
        }
        return b.build();
    }

    /**
     * The {@code layers} rows of a trial: one per weight layer of its final model, with its cost and, when it was
     * quantized, how.
     */
    static List<Row> layers(Plan plan, Trial trial, TrialResult result) {
        Map<String, LayerReport> quantized = new LinkedHashMap<>();
        result.layers().forEach(l -> quantized.put(l.layer(), l));
        List<Row> rows = new ArrayList<>();
        for (Efficiency.Layer e : result.efficiency().layers()) {
            LayerReport q = quantized.get(e.layer());
            Row.Builder b = Row.builder(LayersTable.SCHEMA)
                    .set(LayersTable.EXPERIMENT, plan.spec().experiment())
                    .set(LayersTable.TRIAL_ID, trial.id())
                    .set(LayersTable.LAYER, e.layer())
                    .set(LayersTable.PARAMS, e.params())
                    .set(LayersTable.NONZERO, e.nonzero())
                    .set(LayersTable.W_FORMAT, q == null ? "fp32" : q.format())
                    .set(LayersTable.BITS, e.weightBits())
                    .set(LayersTable.A_BITS, e.activationBits())
                    .set(LayersTable.MACS, e.macsDense())
                    .set(LayersTable.MACS_EFFECTIVE, e.macs())
                    .set(LayersTable.BOPS, e.bops())
                    .set(LayersTable.PACKED_BYTES, e.bytes())
                    .set(LayersTable.ENCODING, e.encoding())
                    .set(LayersTable.INDEX_BITS, e.indexBits())
                    .set(LayersTable.ENERGY_PJ, e.energyPj());
            if (q != null) {
                b.set(LayersTable.GRANULARITY, q.granularity())
                        .set(LayersTable.SCALE_MIN, q.scaleMin())
                        .set(LayersTable.SCALE_MAX, q.scaleMax())
                        .set(LayersTable.CLIPPED, q.clipped())
                        .set(LayersTable.WEIGHT_SQNR_DB, q.sqnrDb())
                        .set(LayersTable.ACCURACY_ALONE, q.accuracyAlone())
                        .set(LayersTable.SENSITIVITY, q.sensitivity());
            }
            rows.add(b.build());
        }
        return rows;
    }

    /** The {@code latency} rows of a trial: every kernel and batch size its LATENCY stage timed. */
    static List<Row> latency(Plan plan, Trial trial, TrialResult result, String host) {
        if (result.latency() == null) {
            return List.of();
        }
        return result.latency().samples().stream().map(s -> Row.builder(LatencyTable.SCHEMA)
                .set(LatencyTable.EXPERIMENT, plan.spec().experiment())
                .set(LatencyTable.TRIAL_ID, trial.id())
                .set(LatencyTable.KERNEL, s.kernel())
                .set(LatencyTable.BATCH, s.batch())
                .set(LatencyTable.MEDIAN_MS, s.medianMs())
                .set(LatencyTable.MIN_MS, s.minMs())
                .set(LatencyTable.MAX_MS, s.maxMs())
                .set(LatencyTable.REPS, s.reps())
                .set(LatencyTable.THROUGHPUT, s.throughput())
                .set(LatencyTable.HOST, host)
                .build()).toList();
    }

    /**
     * The {@code curves} rows of a trial: every epoch of every stage of its chain that trained, with the stage's
     * extra per-epoch metrics (a low-precision run's loss scale and overflow counts).
     */
    static List<Row> curves(Plan plan, Trial trial, TrialResult result) {
        List<Row> rows = new ArrayList<>();
        for (TrialResult.StageCurve curve : result.curves()) {
            for (int i = 0; i < curve.epochs().size(); i++) {
                EpochStats e = curve.epochs().get(i);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("train_loss", e.trainLoss());
                metrics.put("train_accuracy", e.trainAccuracy());
                metrics.put("val_loss", e.validationLoss());
                metrics.put("val_accuracy", e.validationAccuracy());
                metrics.put("lr", e.learningRate());
                metrics.put("epoch_seconds", e.seconds());
                int epoch = i;
                curve.extra().forEach((metric, values) -> metrics.put(metric, values.get(epoch)));
                metrics.forEach((metric, value) -> {
                    if (Double.isFinite(value)) {
                        rows.add(Row.builder(CurvesTable.SCHEMA)
                                .set(CurvesTable.EXPERIMENT, plan.spec().experiment())
                                .set(CurvesTable.TRIAL_ID, trial.id())
                                .set(CurvesTable.STAGE, curve.stage())
                                .set(CurvesTable.STAGE_KEY, curve.stageKey())
                                .set(CurvesTable.EPOCH, e.epoch())
                                .set(CurvesTable.STEP, (long) e.epoch() * curve.stepsPerEpoch())
                                .set(CurvesTable.METRIC, metric)
                                .set(CurvesTable.VALUE, value)
                                .build());
                    }
                });
            }
        }
        return rows;
    }
}
