package dev.ablate.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pruning, distillation and low-precision training language: defaults filled, keys without effect dropped
 * (also inside a teacher ensemble), typed configs, and located errors.
 */
class CompressionFamiliesSpecTest {

    private static final String HEAD = "experiment: t\ndataset: {name: synthetic}\n";

    private static Plan plan(String text) {
        return Planner.plan(SpecLoader.parse(text, Path.of("t.yaml")), "fp", Planner.DEFAULT_MAX_TRIALS);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void scheduleKnobsExistOnlyForTheirScheduleSoSweepingThemMergesDuplicates() {
        Plan p = plan(HEAD + "base:\n  compress:\n    prune: {sparsity: 0.9, rounds: 4, frequency: 50}\n"
                + "sweep:\n  grid:\n    compress.prune.schedule: [one-shot, iterative, gradual, lottery]\n"
                + "    compress.prune.rewind_epoch: [0, 2]\n");
        // rewind_epoch only distinguishes lottery trials
        assertEquals(5, p.trials().size());
        JsonNode oneShot = p.trials().get(0).config().at("/compress/prune");
        assertEquals(List.of("criterion", "scope", "structure", "sparsity", "layers", "schedule", "finetune_epochs",
                "distill"), fieldNames(oneShot));
        PruneConfig gradual = p.trials().stream().map(Trial::typed).filter(t -> t.prune().schedule().equals("gradual"))
                .findFirst().orElseThrow().prune();
        assertEquals(50, gradual.frequency());
        assertEquals(0.75, gradual.rampFraction());
        PruneConfig lottery = p.trials().get(4).typed().prune();
        assertEquals(4, lottery.rounds());
        assertEquals(2, lottery.rewindEpoch());
        assertEquals("prune", p.trials().get(0).typed().technique());
    }

    @Test
    void perLayerAmountsAndTheFineTuningTeacherAreTyped() {
        Plan p = plan(HEAD + "base:\n  compress:\n    prune: {sparsity: 0.8, scope: layer, structure: neuron, norm: 2,"
                + " layers: {fc1: 0.5}, distill: {temperature: 3}}\n");
        PruneConfig prune = p.trials().get(0).typed().prune();
        assertEquals(Map.of("fc1", 0.5), prune.layers());
        assertEquals(0.5, prune.sparsityOf("fc1"));
        assertEquals(0.8, prune.sparsityOf("fc2"));
        assertEquals(2, prune.norm());
        assertEquals(new KdParams(3, 0.9), prune.distill());
    }

    @Test
    void teachersResolveTheirOwnDefaultsAndVariantsInsideAnEnsemble() {
        Plan p = plan(HEAD + "base:\n  model: {arch: lenet-300-100, width: 0.5}\n  compress:\n    distill:\n"
                + "      teacher: {model: {arch: mlp, hidden: [32], trees: 7}, train: {epochs: 3, optimizer: adam}}\n"
                + "      ensemble:\n        - {model: {arch: xgboost, trees: 20, hidden: [5], width: 2}}\n"
                + "      temperature: 8\n");
        Trial t = p.trials().get(0);
        JsonNode member = t.config().at("/compress/distill/ensemble/0/model");
        assertEquals(List.of("arch", "trees", "max_depth"), fieldNames(member), "network keys dropped for trees");
        assertTrue(t.config().at("/compress/distill/teacher/model/trees").isMissingNode(), "tree keys dropped for mlp");
        assertTrue(t.config().at("/compress/distill/teacher/train/momentum").isMissingNode(), "adam has no momentum");
        assertEquals(3, t.config().at("/compress/distill/teacher/train/epochs").asInt());
        DistillConfig d = t.typed().distill();
        assertEquals(List.of("mlp", "xgboost"), d.teachers().stream().map(x -> x.model().arch()).toList());
        assertEquals(20, d.teachers().get(1).model().trees());
        assertEquals(6, d.teachers().get(1).model().maxDepth());
        assertEquals(new KdParams(8, 0.9), d.kd());
        assertEquals(0.5, t.typed().model().width());
        assertEquals("distill", t.typed().technique());
    }

    @Test
    void treesCanTeachButNotBeTheTrialsModel() {
        SpecException e = assertThrows(SpecException.class, () -> plan(HEAD + "base:\n  model: {arch: xgboost}\n"));
        assertTrue(e.getMessage().contains("t.yaml:4") && e.getMessage().contains("model.arch"), e.getMessage());
    }

    @Test
    void precisionIsTypedAndItsLossScaleKeysApplyOnlyWhenScaling() {
        Plan p = plan(HEAD + "base:\n  train:\n    precision: {weights: 'fixed<16,8>', loss_scale: 1024}\n"
                + "sweep:\n  grid:\n    train.precision.loss_scaling: [none, static, dynamic]\n");
        assertEquals(3, p.trials().size());
        assertTrue(p.trials().get(0).config().at("/train/precision/loss_scale").isMissingNode());
        PrecisionConfig none = p.trials().get(0).typed().precision();
        assertEquals(new PrecisionConfig("fixed<16,8>", "fp32", "fp32", "nearest-even", true, "none", 1, 1), none);
        PrecisionConfig dynamic = p.trials().get(2).typed().precision();
        assertEquals(1024, dynamic.lossScale());
        assertEquals(2000, dynamic.growthInterval());
        assertEquals("lowp", p.trials().get(0).typed().technique());
        assertNull(plan(HEAD).trials().get(0).typed().precision());
    }

    @Test
    void malformedStructuresAndFormatsAreLocated() {
        SpecException e = assertThrows(SpecException.class, () -> plan(HEAD
                + "base:\n  compress:\n    prune: {sparsity: 0.5, structure: filters}\n"));
        assertTrue(e.getMessage().contains("t.yaml:5") && e.getMessage().contains("compress.prune.structure")
                && e.getMessage().contains("N:M"), e.getMessage());
        e = assertThrows(SpecException.class, () -> plan(HEAD
                + "base:\n  compress:\n    prune: {sparsity: 0.5, shedule: gradual}\n"));
        assertTrue(e.getMessage().contains("did you mean 'schedule'"), e.getMessage());
        e = assertThrows(SpecException.class, () -> plan(HEAD + "base:\n  train:\n    precision: {weights: fp12}\n"));
        assertTrue(e.getMessage().contains("train.precision.weights") && e.getMessage().contains("fixed<word,frac>"),
                e.getMessage());
    }
}
