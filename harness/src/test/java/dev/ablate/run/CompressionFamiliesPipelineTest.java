package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.CurvesTable;
import dev.ablate.results.ParquetTables;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.spec.Planner;
import dev.ablate.spec.SpecException;
import dev.ablate.spec.SpecLoader;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning, distillation and low-precision training through the real pipeline: every family ends in a row with
 * its axes, they compose in one trial (distill → prune → QAT, each step cached and reported), and teachers are
 * stages of their own, shared by their students.
 */
class CompressionFamiliesPipelineTest {

    private static final String SPEC = """
            experiment: families
            dataset: {name: synthetic, train_size: 600, test_size: 400, features: 16, classes: 4, validation: 100}
            seeds: [0]
            base:
              model: {arch: mlp, hidden: [24, 16]}
              train: {epochs: 4, batch: 32, lr: 0.1}
            sweep:
              cases:
                - {compress.prune: {criterion: magnitude, schedule: gradual, sparsity: 0.8, finetune_epochs: 2, frequency: 5}}
                - {compress.prune: {criterion: random, schedule: one-shot, sparsity: 0.8, finetune_epochs: 2}}
                - {compress.prune: {criterion: taylor, scope: layer, sparsity: 0.5, finetune_epochs: 1,
                                    layers: {fc3: 0.0}}}
                - {compress.prune: {schedule: lottery, rounds: 2, rewind_epoch: 1, sparsity: 0.7, finetune_epochs: 1}}
                - {compress.prune: {schedule: lottery, rounds: 2, rewind_epoch: 1, sparsity: 0.7, finetune_epochs: 1,
                                    reinit: true}}
                - {compress.prune: {structure: neuron, scope: layer, sparsity: 0.5, finetune_epochs: 1,
                                    distill: {temperature: 2, alpha: 0.5}}}
                - {compress.prune: {structure: "2:4", scope: layer, sparsity: 0.5, finetune_epochs: 1}}
                - {train.precision: {weights: bf16, activations: bf16, gradients: fp16, loss_scaling: dynamic}}
                - {train.precision: {weights: "fixed<16,8>", master_weights: false, rounding: stochastic}}
                - {compress.distill: {teacher: {model: {arch: mlp, hidden: [64]}, train: {epochs: 4, lr: 0.1}},
                                      temperature: 4, alpha: 0.9}, model.width: 0.5}
                - {compress.distill: {teacher: {model: {arch: mlp, hidden: [64]}, train: {epochs: 4, lr: 0.1}},
                                      ensemble: [{model: {arch: xgboost, trees: 5, max_depth: 3}}]}, model.width: 0.5}
                - {compress.distill: {teacher: {model: {arch: mlp, hidden: [64]}, train: {epochs: 4, lr: 0.1}}},
                   model.width: 0.5,
                   compress.prune: {schedule: gradual, sparsity: 0.5, finetune_epochs: 2, frequency: 5},
                   compress.quantize: {method: qat, weights: {bits: 4}, qat: {epochs: 1, distill: {temperature: 2}}}}
            """;

    @TempDir
    static Path dir;

    private static List<Row> trials;
    private static List<Row> curves;

    @BeforeAll
    static void runTheSweep() throws Exception {
        try (LocalExecutor executor = new LocalExecutor(new StagePipeline(), 2)) {
            new SweepRunner(executor, new ResultsLayout(dir.resolve("results")), SweepRunner.Options.DEFAULT,
                    new SweepListener() { }).run(SweepRunnerTest.plan(SPEC, dir), Provenance.current("families"));
        }
        trials = ParquetTables.readAll(dir.resolve("results/families/trials"), TrialsTable.SCHEMA);
        curves = ParquetTables.readAll(dir.resolve("results/families/curves"), CurvesTable.SCHEMA);
    }

    private static Row trial(String sweepPointFragment) {
        List<Row> matching = trials.stream().filter(r -> r.get(TrialsTable.SWEEP_POINT).contains(sweepPointFragment))
                .toList();
        assertEquals(1, matching.size(), sweepPointFragment);
        return matching.get(0);
    }

    private static Set<String> stagesWithCurves(Row trial) {
        return curves.stream().filter(c -> c.get(CurvesTable.TRIAL_ID).equals(trial.get(TrialsTable.TRIAL_ID)))
                .map(c -> c.get(CurvesTable.STAGE)).collect(Collectors.toSet());
    }

    @Test
    void everyTrialRunsAndLearns() {
        assertEquals(12, trials.size());
        for (Row r : trials) {
            assertEquals(TrialsTable.OK, r.get(TrialsTable.STATUS), r.get(TrialsTable.SWEEP_POINT) + ": "
                    + r.get(TrialsTable.ERROR));
            // the lottery control, a fresh initialisation trained one epoch per round, only has to beat chance (0.25)
            double floor = r.get(TrialsTable.SWEEP_POINT).contains("reinit") ? 0.3 : 0.5;
            assertTrue(r.get(TrialsTable.ACCURACY) > floor, r.get(TrialsTable.SWEEP_POINT) + " learns something");
        }
    }

    @Test
    void pruningRowsCarryTheirMethodScheduleAndReachedSparsity() {
        Row gradual = trial("\"criterion\":\"magnitude\",\"finetune_epochs\":2,\"frequency\":5");
        assertEquals("magnitude/global/unstructured", gradual.get(TrialsTable.PRUNE_METHOD));
        assertEquals("gradual", gradual.get(TrialsTable.PRUNE_SCHEDULE));
        assertEquals(0.8, gradual.get(TrialsTable.SPARSITY_TARGET));
        // round(0.8 · 832) of the 832 weights; the 44 biases are never pruned
        assertEquals(876, gradual.get(TrialsTable.PARAMS_TOTAL));
        assertEquals(876 - 666, gradual.get(TrialsTable.PARAMS_NONZERO));
        assertEquals("random/global/unstructured", trial("random").get(TrialsTable.PRUNE_METHOD));
        assertEquals(876 - 416, trial("2:4").get(TrialsTable.PARAMS_NONZERO));
        assertEquals(Set.of("train", "prune"), stagesWithCurves(gradual));
        // the cubic ramp, epoch by epoch: rising, and at the target by the end
        List<Double> ramp = curves.stream().filter(c -> c.get(CurvesTable.TRIAL_ID).equals(gradual.get(TrialsTable.TRIAL_ID))
                && c.get(CurvesTable.METRIC).equals("sparsity")).sorted(Comparator.comparing(
                        c -> c.get(CurvesTable.EPOCH))).map(c -> c.get(CurvesTable.VALUE)).toList();
        assertEquals(2, ramp.size());
        assertTrue(ramp.get(0) > 0.3 && ramp.get(0) < ramp.get(1), ramp.toString());
        assertEquals(666.0 / 832, ramp.get(1), 1e-9);
    }

    @Test
    void structuredPruningPhysicallyShrinksTheModel() {
        Row neurons = trial("neuron");
        assertEquals(0.0, neurons.get(TrialsTable.SPARSITY), 1e-9, "removed units leave no zeros behind");
        // 16→12→8→4 units in the hidden layers halved: 16·12+12 + 12·8+8 + 8·4+4 parameters
        assertEquals(16 * 12 + 12 + 12 * 8 + 8 + 8 * 4 + 4, neurons.get(TrialsTable.PARAMS_TOTAL));
    }

    @Test
    void theLotteryControlReusesTheMaskOnAFreshInitialisation() {
        Row ticket = trials.stream().filter(r -> r.get(TrialsTable.SWEEP_POINT).contains("lottery")
                && !r.get(TrialsTable.SWEEP_POINT).contains("reinit")).findFirst().orElseThrow();
        Row control = trial("reinit");
        assertEquals(ticket.get(TrialsTable.SPARSITY), control.get(TrialsTable.SPARSITY), 1e-9);
        assertNotEquals(ticket.get(TrialsTable.ACCURACY), control.get(TrialsTable.ACCURACY));
    }

    @Test
    void lowPrecisionTrainingRetrainsBesideItsFp32Baseline() {
        Row bf16 = trial("bf16");
        assertEquals("lowp", bf16.get(TrialsTable.TECHNIQUE));
        assertEquals("w:bf16 a:bf16 g:fp16 ls:dynamic", bf16.get(TrialsTable.TRAIN_PRECISION));
        assertEquals("nearest-even", bf16.get(TrialsTable.ROUNDING));
        assertNotEquals(bf16.get(TrialsTable.ACCURACY), bf16.get(TrialsTable.BASELINE_ACCURACY));
        assertEquals("stochastic", trial("fixed<16,8>").get(TrialsTable.ROUNDING));
        assertEquals(Set.of("train", "retrain"), stagesWithCurves(bf16));
        // the dynamic loss scale and its overflow counts, epoch by epoch
        List<Row> scale = curves.stream().filter(c -> c.get(CurvesTable.TRIAL_ID).equals(bf16.get(TrialsTable.TRIAL_ID))
                && c.get(CurvesTable.METRIC).equals("loss_scale")).toList();
        assertEquals(4, scale.size());
        assertTrue(scale.stream().allMatch(c -> c.get(CurvesTable.STAGE).equals("retrain") && c.get(CurvesTable.VALUE) > 0));
        assertTrue(curves.stream().anyMatch(c -> c.get(CurvesTable.TRIAL_ID).equals(bf16.get(TrialsTable.TRIAL_ID))
                && c.get(CurvesTable.METRIC).equals("skipped_steps")));
    }

    @Test
    void studentsReportTheirTeacherAndItsAccuracy() {
        Row single = trials.stream().filter(r -> "distill".equals(r.get(TrialsTable.TECHNIQUE))
                && !r.get(TrialsTable.SWEEP_POINT).contains("xgboost")).findFirst().orElseThrow();
        assertEquals("mlp", single.get(TrialsTable.TEACHER_ARCH));
        assertEquals(4.0, single.get(TrialsTable.TEMPERATURE));
        assertEquals(0.9, single.get(TrialsTable.ALPHA));
        assertTrue(single.get(TrialsTable.TEACHER_ACCURACY) > 0.5);
        assertEquals(12 * 16 + 12 + 8 * 12 + 8 + 4 * 8 + 4, single.get(TrialsTable.PARAMS_TOTAL), "half-width student");
        Row ensemble = trial("xgboost");
        assertEquals("mlp+xgboost", ensemble.get(TrialsTable.TEACHER_ARCH));
        assertTrue(Double.isFinite(ensemble.get(TrialsTable.TEACHER_ACCURACY)));
    }

    @Test
    void distillPruneAndQatComposeInOneTrialWithEveryStageReported() {
        Row chain = trial("compress.quantize");
        assertEquals("distill+prune+qat", chain.get(TrialsTable.TECHNIQUE));
        assertEquals(Set.of("train", "retrain", "prune", "quantize"), stagesWithCurves(chain));
        assertTrue(chain.get(TrialsTable.SPARSITY) > 0.45, "QAT keeps the pruned zeros");
        assertNotNull(chain.get(TrialsTable.TEACHER_ACCURACY));
        assertEquals(4, chain.get(TrialsTable.W_BITS));
    }

    @Test
    void aTeacherIsOneStageForAllItsStudents() throws Exception {
        var plan = SweepRunnerTest.plan(SPEC, dir);
        var graph = StageGraph.of(plan.trials(), plan.datasetFingerprint());
        // the mlp teacher (three students) and the xgboost member
        assertEquals(2, graph.counts().get(StageKind.TEACHER));
        assertNull(trial("2:4").get(TrialsTable.TEACHER_ARCH));
    }

    @Test
    void inconsistentPruningAndPrecisionSettingsAreSpecErrorsAtPlanTime() {
        String head = "experiment: bad\ndataset: {name: synthetic}\n";
        SpecException e = assertThrows(SpecException.class, () -> Planner.plan(SpecLoader.parse(head
                + "base:\n  compress:\n    prune: {structure: '2:4', sparsity: 0.9}\n", dir.resolve("bad.yaml")),
                "fp", Planner.DEFAULT_MAX_TRIALS, StagePipeline::check));
        assertTrue(e.getMessage().contains("sparsity: 0.5"), e.getMessage());
        e = assertThrows(SpecException.class, () -> SpecLoader.parse(head
                + "base:\n  train:\n    precision: {weights: fixed<16>}\n", dir.resolve("bad.yaml")));
        assertTrue(e.getMessage().contains("bad.yaml:5") && e.getMessage().contains("train.precision.weights"),
                e.getMessage());
        e = assertThrows(SpecException.class, () -> Planner.plan(SpecLoader.parse(head
                + "base:\n  train:\n    precision: {weights: fixed<8,9>}\n", dir.resolve("bad.yaml")),
                "fp", Planner.DEFAULT_MAX_TRIALS, StagePipeline::check));
        assertTrue(e.getMessage().contains("train.precision.weights") && e.getMessage().contains("frac"),
                e.getMessage());
    }
}
