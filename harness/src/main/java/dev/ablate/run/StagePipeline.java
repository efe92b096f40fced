package dev.ablate.run;

import dev.ablate.compress.prune.MagnitudePruner;
import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.DatasetSplits;
import dev.ablate.metrics.Quality;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Blas;
import dev.ablate.nn.EpochListener;
import dev.ablate.nn.EpochStats;
import dev.ablate.nn.Network;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingResult;
import dev.ablate.spec.PruneConfig;
import dev.ablate.spec.TrainConfig;
import dev.ablate.spec.TrialConfig;
import dev.ablate.spec.TrialKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        String expected = task.kind() == StageKind.EVALUATE ? chain.evaluationKey(task.modelIndex())
                : chain.models().get(task.modelIndex()).key();
        if (!expected.equals(task.nodeKey())) {
            throw new IllegalStateException("stage key mismatch: task " + task.nodeKey() + ", rebuilt " + expected);
        }
        if (task.kind() == StageKind.EVALUATE) {
            return run.evaluate(task.modelIndex()).toJson();
        }
        run.model(task.modelIndex());
        return null;
    }

    private static TrialResult decodeResult(byte[] bytes) throws ArtifactStore.CorruptArtifactException {
        try {
            return TrialResult.fromJson(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ArtifactStore.CorruptArtifactException("evaluation artifact is not a trial result", e);
        }
    }

    /** One trial's chain on one executor. */
    private record Run(TrialConfig config, StageChain chain, long seed, DatasetSplits data, ArtifactStore store) {

        ModelArtifact model(int i) throws Exception {
            return store.getOrCompute(chain.models().get(i).key(), ModelArtifact::decode, ModelArtifact::encode,
                    () -> computeModel(i));
        }

        private ModelArtifact computeModel(int i) throws Exception {
            StageChain.ModelStage stage = chain.models().get(i);
            long start = System.nanoTime();
            return switch (stage.kind()) {
                case TRAIN -> {
                    Network net = ModelZoo.build(config.model(), data.train().exampleShape(),
                            data.train().classCount(), seed);
                    yield trained(net, config.train(), seed, start);
                }
                case PRUNE -> {
                    PruneConfig p = config.prune();
                    Network pruned = MagnitudePruner.pruneGlobal(model(i - 1).network(), p.sparsity());
                    yield p.finetuneEpochs() == 0 ? untrained(pruned, start)
                            : trained(pruned, config.train().withEpochs(p.finetuneEpochs()), seed ^ FINETUNE_SEED_MIX, start);
                }
                case QUANTIZE -> {
                    QuantizeStage.Output q = QuantizeStage.run(config.quantize(), model(i - 1).network(), data,
                            config.train(), seed);
                    List<EpochStats> curve = q.training() == null ? List.of() : q.training().epochStats();
                    yield new ModelArtifact(q.network(), (System.nanoTime() - start) / 1e9, curve,
                            q.training() == null ? 0 : stepsPerEpoch(config.train()), q.record());
                }
                case EVALUATE -> throw new IllegalStateException("evaluation is not a model stage");
            };
        }

        private ModelArtifact trained(Network net, TrainConfig train, long trainSeed, long start) {
            TrainingResult r = new Trainer().train(net, data.train(), data.validation(), train, trainSeed,
                    EpochListener.NONE);
            return new ModelArtifact(net, (System.nanoTime() - start) / 1e9, r.epochStats(), stepsPerEpoch(train),
                    null);
        }

        private int stepsPerEpoch(TrainConfig train) {
            return (data.train().size() + train.batch() - 1) / train.batch();
        }

        private static ModelArtifact untrained(Network net, long start) {
            return new ModelArtifact(net, (System.nanoTime() - start) / 1e9, List.of(), 0, null);
        }

        TrialResult evaluate(int i) throws Exception {
            return store.getOrCompute(chain.evaluationKey(i),
                    StagePipeline::decodeResult,
                    r -> r.toJson().getBytes(StandardCharsets.UTF_8),
                    () -> computeEvaluation(i));
        }

        private TrialResult computeEvaluation(int i) throws Exception {
            double trainSeconds = model(0).seconds();
            double compressSeconds = 0;
            for (int j = 1; j <= i; j++) {
                compressSeconds += model(j).seconds();
            }
            ModelArtifact artifact = model(i);
            QuantizationRecord quantization = artifact.quantization();
            Network net = QuantizeStage.simulated(artifact.network(), quantization);
            long start = System.nanoTime();
            var test = data.test();
            float[] logits = net.logits(test.features(), test.size());
            // accuracy is always measured: every row's accuracy_drop needs it
            Set<String> metrics = new HashSet<>(config.metrics());
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
            double evalSeconds = (System.nanoTime() - start) / 1e9;
            List<TrialResult.StageCurve> curves = new ArrayList<>();
            for (int j = 0; j <= i; j++) {
                ModelArtifact m = model(j);
                if (!m.curve().isEmpty()) {
                    StageChain.ModelStage stage = chain.models().get(j);
                    curves.add(new TrialResult.StageCurve(stage.kind().label(), stage.key(), m.stepsPerEpoch(), m.curve()));
                }
            }
            return new TrialResult(q.accuracy(), deployed == null ? null : deployed.accuracy(),
                    deployed == null ? null : deployed.agreement(), q.macroF1(), q.nll(), q.ece(), net.parameterCount(),
                    net.nonzeroParameterCount(), trainSeconds, compressSeconds, evalSeconds, Blas.implementationName(),
                    curves, layers);
        }
    }
}
