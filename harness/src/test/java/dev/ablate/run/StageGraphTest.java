package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ablate.spec.Plan;
import dev.ablate.spec.Planner;
import dev.ablate.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stage dedup: identical upstream stages are one node, in the right level. */
class StageGraphTest {

    private static Plan plan(String sweep, String seeds) {
        String text = "experiment: g\ndataset: {name: synthetic}\nseeds: " + seeds + "\n" + sweep;
        return Planner.plan(SpecLoader.parse(text, Path.of("g.yaml")), "fp", 1000);
    }

    @Test
    void fiveBitWidthsTimesTwoGranularitiesTrainOneBaseline() {
        Plan p = plan("sweep:\n  grid:\n    compress.quantize.weights.bits: [2, 3, 4, 6, 8]\n"
                + "    compress.quantize.weights.granularity: [per-tensor, per-channel]\n", "[0]");
        StageGraph g = StageGraph.of(p.trials(), p.datasetFingerprint());
        assertEquals(10, p.trials().size());
        assertEquals(Map.of(StageKind.TEACHER, 0, StageKind.TRAIN, 1, StageKind.RETRAIN, 0, StageKind.PRUNE, 0,
                StageKind.QUANTIZE, 10, StageKind.EVALUATE, 11, StageKind.LATENCY, 10),
                g.counts());
        List<List<StageGraph.Node>> levels = g.levels();
        assertEquals(4, levels.size());
        assertEquals(List.of(StageKind.TRAIN), levels.get(0).stream().map(StageGraph.Node::kind).toList());
        // level 1: the ten quantizations and the baseline's evaluation; level 2: the ten trial evaluations; level 3:
        // their timings (no trial reports on the uncompressed baseline, so its evaluation is not timed)
        assertEquals(11, levels.get(1).size());
        assertEquals(10, levels.get(2).size());
        assertEquals(10, levels.get(3).stream().filter(n -> n.kind() == StageKind.LATENCY).count());
    }

    @Test
    void seedsAndTrainingSettingsSplitBaselinesButCompressionDoesNot() {
        Plan p = plan("sweep:\n  grid:\n    train.epochs: [1, 2]\n  cases:\n    - {}\n"
                + "    - {compress.prune: {sparsity: 0.5}}\n    - {compress.prune: {sparsity: 0.5}, compress.quantize.weights.bits: 4}\n"
                + "    - {compress.prune: {sparsity: 0.9}, compress.quantize.weights.bits: 4}\n", "[0, 1]");
        StageGraph g = StageGraph.of(p.trials(), p.datasetFingerprint());
        assertEquals(16, p.trials().size());
        // 2 epochs × 2 seeds baselines; prune 0.5 shared by the plain and the quantized case
        assertEquals(Map.of(StageKind.TEACHER, 0, StageKind.TRAIN, 4, StageKind.RETRAIN, 0, StageKind.PRUNE, 8,
                StageKind.QUANTIZE, 8, StageKind.EVALUATE, 16, StageKind.LATENCY, 16),
                g.counts());
        var withQuant = p.trials().stream().filter(t -> !t.config().at("/compress/quantize").isNull()).findFirst().orElseThrow();
        StageGraph.TrialNodes nodes = g.trialNodes(withQuant.id());
        assertEquals(StageKind.LATENCY, g.node(nodes.result()).kind());
        assertEquals(4, g.node(nodes.result()).level());
        assertEquals(1, g.node(nodes.baseline()).level());
        assertNotEquals(nodes.result(), nodes.baseline());
    }

    @Test
    void teachersAreTrainedOncePerSeedAndStudentsWaitForThem() {
        Plan p = plan("base:\n  compress:\n    distill:\n      teacher: {model: {arch: lenet-300-100}}\n"
                + "      ensemble: [{model: {arch: xgboost, trees: 5}}]\n"
                + "sweep:\n  grid:\n    compress.distill.temperature: [2, 4, 8]\n    model.width: [0.5, 1]\n", "[0, 1]");
        StageGraph g = StageGraph.of(p.trials(), p.datasetFingerprint());
        assertEquals(12, p.trials().size());
        // two teachers per seed; the baseline depends on the width only; every student retrains
        assertEquals(Map.of(StageKind.TEACHER, 4, StageKind.TRAIN, 4, StageKind.RETRAIN, 12, StageKind.PRUNE, 0,
                StageKind.QUANTIZE, 0, StageKind.EVALUATE, 16, StageKind.LATENCY, 12), g.counts());
        var student = g.node(g.node(g.trialNodes(p.trials().get(0).id()).result()).inputs().get(0));
        var retrain = g.node(student.inputs().get(0));
        assertEquals(StageKind.RETRAIN, retrain.kind());
        assertEquals(List.of(StageKind.TEACHER, StageKind.TEACHER),
                retrain.prerequisites().stream().map(k -> g.node(k).kind()).toList());
        assertEquals(g.trialNodes(p.trials().get(0).id()).baseline(), student.after());
    }

    @Test
    void lowPrecisionTrainingRetrainsBesideAnFp32Baseline() {
        Plan p = plan("sweep:\n  cases:\n    - {}\n    - {train.precision: {weights: fp16}}\n"
                + "    - {train.precision: {weights: bf16}}\n", "[0]");
        StageGraph g = StageGraph.of(p.trials(), p.datasetFingerprint());
        assertEquals(Map.of(StageKind.TEACHER, 0, StageKind.TRAIN, 1, StageKind.RETRAIN, 2, StageKind.PRUNE, 0,
                StageKind.QUANTIZE, 0, StageKind.EVALUATE, 3, StageKind.LATENCY, 3), g.counts());
    }

    @Test
    void timingIsOffOnRequestAndKeyedApartFromTheEvaluation() {
        Plan p = plan("sweep:\n  cases:\n    - {}\n    - {eval.latency: off}\n    - {eval.latency: {batch: [8]}}\n",
                "[0]");
        // one model and one evaluation: the latency settings are not part of the evaluation's key
        StageGraph g = StageGraph.of(p.trials(), p.datasetFingerprint());
        assertEquals(3, p.trials().size());
        assertEquals(1, g.counts().get(StageKind.EVALUATE));
        assertEquals(2, g.counts().get(StageKind.LATENCY));
        var off = p.trials().stream().filter(t -> t.config().at("/eval/latency").isNull()).findFirst().orElseThrow();
        assertEquals(StageKind.EVALUATE, g.node(g.trialNodes(off.id()).result()).kind());
        for (var t : p.trials()) {
            StageGraph.Node result = g.node(g.trialNodes(t.id()).result());
            if (result.kind() == StageKind.LATENCY) {
                assertEquals(List.of(g.trialNodes(off.id()).result()), result.inputs());
            }
        }
        var defaults = p.trials().stream().filter(t -> t.config().at("/eval/latency/batch").size() == 2).findFirst()
                .orElseThrow();
        assertEquals("[1,64]", defaults.config().at("/eval/latency/batch").toString());
        assertEquals("horowitz-45nm", defaults.config().at("/eval/cost_model").asText());
    }

    @Test
    void stageKeysAreStableAndDependOnTheirInputs() {
        Plan p = plan("sweep:\n  grid: {compress.quantize.weights.bits: [4]}\n", "[0]");
        var t = p.trials().get(0);
        StageChain a = StageChain.of(t.config(), 0, "fp");
        assertEquals(a, StageChain.of(t.config(), 0, "fp"));
        StageChain otherSeed = StageChain.of(t.config(), 1, "fp");
        assertNotEquals(a.models().get(0).key(), otherSeed.models().get(0).key());
        // the quantize stage's own config is identical, but its input differs, so its key does too
        assertNotEquals(a.terminal().key(), otherSeed.terminal().key());
        assertNotEquals(a.models().get(0).key(), StageChain.of(t.config(), 0, "other-data").models().get(0).key());
    }
}
