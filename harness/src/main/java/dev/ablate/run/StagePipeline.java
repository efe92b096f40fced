package dev.ablate.run;

import dev.ablate.compress.distill.KdLoss;
import dev.ablate.compress.distill.SoftTargets;
import dev.ablate.compress.distill.TeacherTargets;
import dev.ablate.compress.distill.Teachers;
import dev.ablate.compress.distill.TreeEnsemble;
import dev.ablate.compress.precision.LowPrecisionTraining;
import dev.ablate.compress.precision.PrecisionPlan;
import dev.ablate.compress.precision.PrecisionStats;
import dev.ablate.compress.prune.PruneInputs;
import dev.ablate.compress.prune.PruneOutcome;
import dev.ablate.compress.prune.PruningProcedure;
import dev.ablate.compress.quant.integer.IntegerNetwork;
import dev.ablate.metrics.cost.CostTable;
import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.DatasetSplits;
import dev.ablate.metrics.Quality;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Blas;
import dev.ablate.nn.CorruptArtifactException;
import dev.ablate.nn.EpochListener;
import dev.ablate.nn.EpochStats;
import dev.ablate.nn.Network;
import dev.ablate.nn.Objective;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.nn.TrainingResult;
import dev.ablate.spec.PruneConfig;
import dev.ablate.spec.QatConfig;
import dev.ablate.spec.TeacherConfig;
import dev.ablate.spec.TrainConfig;
import dev.ablate.spec.TrialConfig;
import dev.ablate.spec.TrialKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor side of a stage node: rebuilds the trial's stage chain from the shipped config and computes
 * the requested node through the {@link ArtifactStore}, computing any missing input first. Every random
 * draw is seeded by the trial seed (training) or the trial seed mixed with a per-stage constant
 * (fine-tuning), so results do not depend on where or in which order stages run.
 */
public final class StagePipeline implements StageWork {

    private static final long serialVersionUID = 1L;

    /** Mixed into the seed of fine-tuning after pruning, so it does not replay the training shuffle. */
    private static final long FINETUNE_SEED_MIX = 0x9E3779B97F4A7C15L;

    /**
     * Checks a trial's config for combinations no model or data could run (e.g. a weight format at a granularity
     * it does not have), so that the planner can reject them as spec errors.
     *
     * @throws IllegalArgumentException naming the key and the problem
     */
    public static void check(TrialConfig config) {
        CostTable.resolve(config.eval().costModel());
        if (config.precision() != null) {
            PrecisionPlan.of(config.precision());
        }
        if (config.distill() != null) {
            config.distill().teachers().forEach(t -> Teachers.create(t));
        }
        if (config.prune() != null) {
            PruningProcedure.check(config.prune());
        }
        if (config.quantize() != null) {
            QuantizeStage.check(config.quantize());
        }
    }

    @Override
    public String compute(StageTask task) throws Exception {
        var config = TrialKey.parseJson(task.trialConfigJson());
        StageChain chain = StageChain.of(config, task.seed(), task.datasetFingerprint());
        Run run = new Run(TrialConfig.fromJson(config), chain, task.seed(), DatasetRegistry.load(task.dataset()),
                new ArtifactStore(Path.of(task.resultsRoot()).resolve("_artifacts")));
        String expected = switch (task.kind()) {
            case EVALUATE -> chain.evaluationKey(task.modelIndex());
            case LATENCY -> chain.latencyKey(task.modelIndex());
            case TEACHER -> chain.teachers().get(task.modelIndex()).key();
            default -> chain.models().get(task.modelIndex()).key();
        };
        if (!expected.equals(task.nodeKey())) {
            throw new IllegalStateException("stage key mismatch: task " + task.nodeKey() + ", rebuilt " + expected);
        }
        switch (task.kind()) {
            case EVALUATE -> {
                return run.evaluate(task.modelIndex()).toJson();
            }
            case LATENCY -> {
                return run.timed(task.modelIndex()).toJson();
            }
            case TEACHER -> run.teacher(task.modelIndex());
            default -> run.model(task.modelIndex());
        }
        return null;
    }

    private static TrialResult decodeResult(byte[] bytes) throws CorruptArtifactException {
        try {
            return TrialResult.fromJson(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CorruptArtifactException("evaluation artifact is not a trial result", e);
        }
    }

    /** One trial's chain on one executor. */
    private record Run(TrialConfig config, StageChain chain, long seed, DatasetSplits data, ArtifactStore store) {

        ModelArtifact model(int i) throws Exception {
            return store.getOrCompute(chain.models().get(i).key(), ModelArtifact::decode, ModelArtifact::encode,
                    () -> computeModel(i));
        }

        TeacherArtifact teacher(int i) throws Exception {
            return store.getOrCompute(chain.teachers().get(i).key(), TeacherArtifact::decode, TeacherArtifact::encode,
                    () -> {
                        long start = System.nanoTime();
                        TeacherTargets targets = Teachers.create(config.distill().teachers().get(i)).teach(data, seed);
                        return new TeacherArtifact(targets, (System.nanoTime() - start) / 1e9);
                    });
        }

        /** The soft targets of the trial's teacher, or of its teacher ensemble. */
        private TeacherTargets teacherTargets() throws Exception {
            List<TeacherTargets> members = new ArrayList<>();
            for (int t = 0; t < chain.teachers().size(); t++) {
                members.add(teacher(t).targets());
            }
            if (members.size() == 1) {
                return members.get(0);
            }
            return new TeacherTargets(SoftTargets.ensemble(members.stream().map(TeacherTargets::train).toList()),
                    SoftTargets.ensemble(members.stream().map(TeacherTargets::test).toList())
                            .withAccuracyOn(data.test().labels()));
        }

        private ModelArtifact computeModel(int i) throws Exception {
            StageChain.ModelStage stage = chain.models().get(i);
            long start = System.nanoTime();
            return switch (stage.kind()) {
                case TRAIN -> trained(fresh(seed), config.train(), seed, TrainingHooks.NONE, start);
                case RETRAIN -> retrained(start);
                case PRUNE -> {
                    PruneConfig p = config.prune();
                    Network input = model(i - 1).network();
                    SoftTargets dense = p.distill() == null ? null : SoftTargets.of(input, data.train());
                    PruneOutcome pruned = PruningProcedure.run(p, new PruneInputs(input, data.train(),
                            data.validation(), config.train(), seed ^ FINETUNE_SEED_MIX, seed, this::fresh,
                            dense == null ? null : () -> new KdLoss(dense, p.distill())));
                    yield new ModelArtifact(pruned.network(), (System.nanoTime() - start) / 1e9, pruned.epochStats(),
                            pruned.stepsPerEpoch(), null, Map.of("sparsity", pruned.epochSparsity()));
                }
                case QUANTIZE -> {
                    Network input = model(i - 1).network();
                    QatConfig qat = config.quantize().qat();
                    Objective objective = qat == null || qat.distill() == null ? null
                            : new KdLoss(SoftTargets.of(input, data.train()), qat.distill());
                    QuantizeStage.Output q = QuantizeStage.run(config.quantize(), input, data, config.train(), seed,
                            objective);
                    List<EpochStats> curve = q.training() == null ? List.of() : q.training().epochStats();
                    yield new ModelArtifact(q.network(), (System.nanoTime() - start) / 1e9, curve,
                            q.training() == null ? 0 : q.training().stepsPerEpoch(), q.record());
                }
                case TEACHER, EVALUATE, LATENCY -> throw new IllegalStateException(stage.kind().label() + " is not a model stage");
            };
        }

        /** The trial's model, untrained, initialised from {@code initSeed}. */
        private Network fresh(long initSeed) {
            return ModelZoo.build(config.model(), data.train().exampleShape(), data.train().classCount(), initSeed);
        }

        /** The baseline's training again, as a student of the teachers and/or in low precision. */
        private ModelArtifact retrained(long start) throws Exception {
            TrainingHooks hooks = TrainingHooks.NONE;
            if (config.distill() != null) {
                hooks = hooks.withObjective(new KdLoss(teacherTargets().train(), config.distill().kd()));
            }
            Network net = fresh(seed);
            if (config.precision() == null) {
                return trained(net, config.train(), seed, hooks, start);
            }
            LowPrecisionTraining.Prepared lowp = LowPrecisionTraining.prepare(net, config.precision(), seed);
            Map<String, List<Double>> scaling = Map.of("loss_scale", new ArrayList<>(), "overflow_steps",
                    new ArrayList<>(), "skipped_steps", new ArrayList<>());
            EpochListener recordScaling = epoch -> {
                PrecisionStats s = lowp.hook().stats();
                scaling.get("loss_scale").add((double) s.lossScale());
                scaling.get("overflow_steps").add((double) s.overflowSteps());
                scaling.get("skipped_steps").add((double) s.skippedSteps());
            };
            TrainingResult r = new Trainer().train(lowp.trainingNetwork(), data.train(), data.validation(),
                    config.train(), seed, recordScaling, hooks.withStepHook(lowp.hook()));
            return new ModelArtifact(lowp.finish(), (System.nanoTime() - start) / 1e9, r.epochStats(),
                    r.stepsPerEpoch(), null, scaling);
        }

        private ModelArtifact trained(Network net, TrainConfig train, long trainSeed, TrainingHooks hooks, long start) {
            TrainingResult r = new Trainer().train(net, data.train(), data.validation(), train, trainSeed,
                    EpochListener.NONE, hooks);
            return new ModelArtifact(net, (System.nanoTime() - start) / 1e9, r.epochStats(), r.stepsPerEpoch(),
                    null);
        }

        TrialResult evaluate(int i) throws Exception {
            return store.getOrCompute(chain.evaluationKey(i),
                    StagePipeline::decodeResult,
                    r -> r.toJson().getBytes(StandardCharsets.UTF_8),
                    () -> computeEvaluation(i));
        }

        /** The evaluation of model {@code i} with its inference timed on this executor. */
        TrialResult timed(int i) throws Exception {
            return store.getOrCompute(chain.latencyKey(i),
                    StagePipeline::decodeResult,
                    r -> r.toJson().getBytes(StandardCharsets.UTF_8),
                    () -> {
                        TrialResult evaluation = evaluate(i);
                        ModelArtifact artifact = model(i);
                        IntegerNetwork int8 = config.quantize() == null ? null
                                : QuantizeStage.integerOnly(config.quantize(), artifact.network(), artifact.quantization());
                        return evaluation.withLatency(LatencyStage.measure(artifact.network(), int8,
                                config.eval().latency(), data.test()));
                    });
        }

        /**
         * Parameters of the uncompressed model the trial's model replaces, whose fp32 size its compression ratio
         * divides: the network teachers of a distilled student (tree teachers have no comparable size), else the
         * trial's fp32 baseline.
         */
        private long referenceParameters() throws Exception {
            long teachers = 0;
            if (config.distill() != null) {
                for (TeacherConfig t : config.distill().teachers()) {
                    if (!TreeEnsemble.of(t.model().arch()).isPresent()) {
                        teachers += ModelZoo.build(t.model(), data.train().exampleShape(), data.train().classCount(), seed)
                                .parameterCount();
                    }
                }
            }
            return teachers > 0 ? teachers : model(0).network().parameterCount();
        }

        private TrialResult computeEvaluation(int i) throws Exception {
            // the stage that trained the reported model (the baseline or its retraining) and those compressing it
            int trainedAt = i > 0 && chain.models().get(1).kind() == StageKind.RETRAIN ? 1 : 0;
            double trainSeconds = model(trainedAt).seconds();
            double compressSeconds = 0;
            for (int j = trainedAt + 1; j <= i; j++) {
                compressSeconds += model(j).seconds();
            }
            ModelArtifact artifact = model(i);
            QuantizationRecord quantization = artifact.quantization();
            Network net = QuantizeStage.simulated(artifact.network(), quantization);
            long start = System.nanoTime();
            var test = data.test();
            float[] logits = net.logits(test.features(), test.size());
            // accuracy is always measured: every row's accuracy_drop needs it
            Set<String> metrics = new HashSet<>(config.eval().metrics());
            metrics.add("accuracy");
            Quality q = QualityMetrics.evaluate(logits, test.labels(), test.classNames(), metrics);
            QuantizeStage.Deployment deployed = null;
            List<LayerReport> layers = List.of();
            if (quantization != null) {
                deployed = QuantizeStage.deploy(config.quantize(), artifact.network(), quantization, test,
                        Network.predictions(logits, test.size(), test.classCount()));
                layers = config.quantize().layerwise()
                        ? QuantizeStage.layerwise(config.quantize(), model(i - 1).network(), quantization.layers(), test,
                                seed)
                        : quantization.layers();
            }
            Efficiency efficiency = EfficiencyAccounting.of(artifact.network(), config.quantize(), quantization,
                    referenceParameters(), CostTable.resolve(config.eval().costModel()));
            double evalSeconds = (System.nanoTime() - start) / 1e9;
            List<TrialResult.StageCurve> curves = new ArrayList<>();
            for (int j = 0; j <= i; j++) {
                ModelArtifact m = model(j);
                if (!m.curve().isEmpty()) {
                    StageChain.ModelStage stage = chain.models().get(j);
                    curves.add(new TrialResult.StageCurve(stage.kind().label(), stage.key(), m.stepsPerEpoch(), m.curve(),
                            m.extraCurves()));
                }
            }
            return new TrialResult(q.accuracy(), deployed == null ? null : deployed.accuracy(),
                    deployed == null ? null : deployed.agreement(), q.macroF1(), q.nll(), q.ece(), net.parameterCount(),
                    net.nonzeroParameterCount(), trainSeconds, compressSeconds, evalSeconds, Blas.implementationName(),
                    curves, layers, i > 0 && config.distill() != null ? teacherTargets().testAccuracy() : null,
                    efficiency, null);
        }
    }
}
