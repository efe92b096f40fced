package dev.ablate.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sweep expansion (grid, zip, cases, exclude, null steps), resolution of defaults, and trial-id stability. */
class PlannerTest {

    private static final String HEAD = "experiment: t\ndataset: {name: synthetic}\n";

    private static Plan plan(String text) {
        return Planner.plan(SpecLoader.parse(text, Path.of("t.yaml")), "fp", Planner.DEFAULT_MAX_TRIALS);
    }

    private static List<String> values(Plan plan, String pointer) {
        return plan.trials().stream().map(t -> t.config().at(pointer).toString()).toList();
    }

    @Test
    void noSweepRunsTheBaseOncePerSeedWithEveryDefaultFilled() {
        Plan p = plan(HEAD + "seeds: [3, 1]\n");
        assertEquals(2, p.trials().size());
        assertEquals(List.of(3L, 1L), p.trials().stream().map(Trial::seed).toList());
        JsonNode c = p.trials().get(0).config();
        assertEquals("[300,100]", c.at("/model/hidden").toString());
        assertEquals(10, c.at("/train/epochs").asInt());
        assertEquals(0.05, c.at("/train/lr").asDouble());
        assertTrue(c.at("/compress/prune").isNull());
        assertTrue(c.at("/compress/quantize").isNull());
        assertEquals("baseline", p.trials().get(0).typed().technique());
    }

    @Test
    void gridIsACartesianProductWithTheFirstAxisSlowest() {
        Plan p = plan(HEAD + "sweep:\n  grid:\n    compress.quantize.weights.bits: [2, 4, 8]\n"
                + "    compress.quantize.weights.granularity: [per-tensor, per-channel]\n");
        assertEquals(6, p.trials().size());
        assertEquals(List.of("2", "2", "4", "4", "8", "8"), values(p, "/compress/quantize/weights/bits"));
        assertEquals(List.of("\"per-tensor\"", "\"per-channel\"", "\"per-tensor\"", "\"per-channel\"", "\"per-tensor\"",
                "\"per-channel\""), values(p, "/compress/quantize/weights/granularity"));
        // the path created the quantize step, whose other keys took their defaults
        assertEquals("ptq", p.trials().get(0).config().at("/compress/quantize/method").asText());
        assertEquals("{\"compress.quantize.weights.bits\":2,\"compress.quantize.weights.granularity\":\"per-tensor\"}",
                p.trials().get(0).sweepPoint().toString());
    }

    @Test
    void zipVariesAxesTogetherAndCombinesWithGridAndCasesByProduct() {
        Plan p = plan(HEAD + "seeds: [0, 1]\nsweep:\n  grid: {train.lr: [0.1, 0.01]}\n"
                + "  zip:\n    model.hidden: [[32], [64, 32]]\n    train.epochs: [1, 2]\n"
                + "  cases:\n    - {}\n    - {compress.prune: {sparsity: 0.5}}\n");
        assertEquals(2 * 2 * 2 * 2, p.trials().size());
        Set<String> hiddenEpochs = p.trials().stream()
                .map(t -> t.config().at("/model/hidden") + "/" + t.config().at("/train/epochs"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("[32]/1", "[64,32]/2"), hiddenEpochs);
        long pruned = p.trials().stream().filter(t -> !t.config().at("/compress/prune").isNull()).count();
        assertEquals(8, pruned);
        assertEquals("one-shot", p.trials().stream().filter(t -> !t.config().at("/compress/prune").isNull())
                .findFirst().orElseThrow().config().at("/compress/prune/schedule").asText());
    }

    @Test
    void nullRemovesAStepSetInBase() {
        Plan p = plan(HEAD + "base:\n  compress: {prune: {sparsity: 0.9}}\nsweep:\n  grid: {compress.prune: [null, {sparsity: 0.5}]}\n");
        assertEquals(2, p.trials().size());
        assertTrue(p.trials().get(0).config().at("/compress/prune").isNull());
        assertEquals(0.5, p.trials().get(1).config().at("/compress/prune/sparsity").asDouble());
    }

    @Test
    void excludeDropsMatchingPointsAgainstTheResolvedConfig() {
        Plan p = plan(HEAD + "seeds: [0, 1]\nsweep:\n  grid:\n    compress.quantize.weights.bits: [2, 4, 8]\n"
                + "    compress.quantize.weights.granularity: [per-tensor, per-channel]\n"
                + "  exclude:\n    - {compress.quantize.weights.bits: 8, compress.quantize.weights.granularity: per-tensor}\n"
                + "    - {compress.quantize.weights: {bits: 2, symmetric: true}, compress.quantize.method: ptq}\n");
        assertEquals((6 - 1 - 2) * 2, p.trials().size());
        assertEquals(3 * 2, p.excluded());
        assertTrue(values(p, "/compress/quantize/weights/bits").stream().noneMatch("2"::equals));
    }

    @Test
    void pointsThatResolveToTheSameConfigAreMerged() {
        Plan p = plan(HEAD + "sweep:\n  cases:\n    - {}\n    - {train.epochs: 10}\n    - {train.epochs: 3}\n");
        assertEquals(2, p.trials().size());
        assertEquals(1, p.duplicates());
    }

    @Test
    void trialIdsAreStableAndContentAddressed() {
        String spec = HEAD + "seeds: [0, 1]\nsweep:\n  grid: {train.lr: [0.1, 0.2]}\n";
        List<String> first = plan(spec).trials().stream().map(Trial::id).toList();
        assertEquals(first, plan(spec).trials().stream().map(Trial::id).toList());
        assertEquals(4, Set.copyOf(first).size());
        // the same config written differently (other experiment name, key order, int vs real, defaults
        // spelled out) has the same id
        String equivalent = "experiment: other\ndataset: {name: synthetic}\nseeds: [1, 0]\nbase:\n"
                + "  train: {epochs: 10, lr: 1, optimizer: sgd}\nsweep:\n  grid: {train.lr: [0.2, 0.1]}\n";
        assertEquals(Set.copyOf(first), plan(equivalent).trials().stream().map(Trial::id).collect(Collectors.toSet()));
        // and the id is pinned: a change here means every stored result silently stops matching
        assertEquals(64, first.get(0).length());
        Plan otherData = Planner.plan(SpecLoader.parse(spec, Path.of("t.yaml")), "other-fp", 100);
        assertNotEquals(first.get(0), otherData.trials().get(0).id());
    }

    @Test
    void canonicalJsonSortsKeysAndHasNoWhitespace() {
        JsonNode n = TrialKey.parseJson("{\"b\": [1, {\"z\": 1, \"a\": 2}], \"a\": 0.5}");
        assertEquals("{\"a\":0.5,\"b\":[1,{\"a\":2,\"z\":1}]}", TrialKey.canonicalJson(n));
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", TrialKey.sha256Hex("hello"));
    }

    @Test
    void refusesSweepsAboveMaxTrials() {
        Spec spec = SpecLoader.parse(HEAD + "seeds: [0, 1, 2]\nsweep:\n  grid:\n    train.epochs: [1, 2, 3, 4]\n"
                + "    train.batch: [1, 2, 3, 4, 5]\n", Path.of("t.yaml"));
        SpecException e = assertThrows(SpecException.class, () -> Planner.plan(spec, "fp", 59));
        assertEquals("t.yaml: sweep: expands to 60 trials (20 points × 3 seeds, before exclusions), above --max-trials 59",
                e.getMessage());
        assertEquals(60, Planner.plan(spec, "fp", 60).trials().size());
    }

    @Test
    void keysWithoutEffectAreDroppedSoEquivalentTrialsMerge() {
        Plan p = plan(HEAD + "base:\n  model: {hidden: [64], dropout: 0.2}\n  train: {momentum: 0.5, betas: [0.8, 0.99]}\n"
                + "sweep:\n  grid:\n    train.optimizer: [sgd, adam]\n    model.arch: [mlp, lenet-5]\n    train.nesterov: [false, true]\n");
        // adam ignores nesterov, so its two nesterov points merge: 2 (sgd) + 1 (adam) per arch
        assertEquals(6, p.trials().size());
        assertEquals(2, p.duplicates());
        for (Trial t : p.trials()) {
            JsonNode c = t.config();
            boolean sgd = c.at("/train/optimizer").asText().equals("sgd");
            assertEquals(sgd, c.at("/train").has("momentum"));
            assertEquals(!sgd, c.at("/train").has("betas"));
            boolean mlp = c.at("/model/arch").asText().equals("mlp");
            assertEquals(mlp, c.at("/model").has("hidden"));
            TrialConfig typed = t.typed();
            assertEquals(sgd ? 0.5 : 0.0, typed.train().momentum());
            assertEquals(sgd ? 0.9 : 0.8, typed.train().beta1());
            assertEquals(mlp ? List.of(64) : List.of(), typed.model().hidden());
        }
    }

    @Test
    void scheduleAndEarlyStoppingResolveToTypedValues() {
        Plan p = plan(HEAD + "base:\n  train:\n    optimizer: adamw\n    schedule: {name: cosine, warmup_epochs: 2}\n"
                + "    clip_grad_norm: 1.0\n    early_stopping: {patience: 4}\n");
        TrainConfig t = p.trials().get(0).typed().train();
        assertEquals(new LrSchedule("cosine", 30, 0.1, 2, 0.0), t.schedule());
        assertEquals(new EarlyStopping(4, "val_loss", 0.0), t.earlyStopping());
        assertEquals(1.0, t.clipGradNorm());
        assertEquals(0.999, t.beta2());
        assertEquals(1e-8, t.eps());
        assertNull(plan(HEAD).trials().get(0).typed().train().earlyStopping());
    }

    @Test
    void datasetShorthandDefaultsAndRelativeCsvPaths() {
        Spec mini = SpecLoader.parse("experiment: t\ndataset: fashion-mnist-mini\n", Path.of("specs/t.yaml"));
        assertEquals(DatasetSpec.named("fashion-mnist-mini", 0), mini.dataset());
        Spec csv = SpecLoader.parse("experiment: t\ndataset: {name: csv, path: data/x.csv, label: y}\n",
                Path.of("/work/specs/t.yaml"));
        assertEquals("/work/specs/data/x.csv", csv.dataset().path());
        assertEquals("y", csv.dataset().label());
        assertEquals(0.2, csv.dataset().testFraction());
        Spec synthetic = SpecLoader.parse("experiment: t\ndataset: {name: synthetic, classes: 7, validation: 10}\n",
                Path.of("t.yaml"));
        assertEquals(7, synthetic.dataset().classes());
        assertEquals(10, synthetic.dataset().validation());
        assertEquals(1000, synthetic.dataset().trainSize());
    }

    @Test
    void aliasesWithinBoundsAreExpanded() {
        Plan p = plan(HEAD + "base:\n  train: &t {epochs: 2, batch: 8}\nsweep:\n  cases:\n    - {train: *t}\n    - {train.epochs: 3}\n");
        assertEquals(2, p.trials().size());
        assertEquals(8, p.trials().get(1).config().at("/train/batch").asInt());
    }
}
