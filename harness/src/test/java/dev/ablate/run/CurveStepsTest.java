package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ablate.results.CurvesTable;
import dev.ablate.results.ParquetTables;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code curves.step} column counts the optimizer steps that ran. With 65 training examples and batches of 32,
 * an epoch is 3 steps, except in a network with BatchNorm, whose trainer skips the last batch of one example
 * (BatchNorm cannot normalize a single example): 2 steps. Both a training and a QAT fine-tuning curve follow it.
 */
class CurveStepsTest {

    private static final String SPEC = """
            experiment: steps
            dataset: {name: synthetic, train_size: 65, test_size: 40, features: 6, classes: 3}
            seeds: [0]
            base:
              model: {arch: mlp, hidden: [8]}
              train: {epochs: 2, batch: 32, lr: 0.05}
              eval: {latency: off}
            sweep:
              cases:
                - {model.batch_norm: false}
                - {model.batch_norm: true, compress.quantize: {method: qat, fold_bn: false, qat: {epochs: 2}}}
            """;

    @TempDir
    Path dir;

    @Test
    void stepsAreThoseTheTrainerTook() throws Exception {
        try (LocalExecutor executor = new LocalExecutor(new StagePipeline(), 1)) {
            new SweepRunner(executor, new ResultsLayout(dir.resolve("results")), SweepRunner.Options.DEFAULT,
                    new SweepListener() { }).run(SweepRunnerTest.plan(SPEC, dir), Provenance.current("steps"));
        }
        List<Row> trials = ParquetTables.readAll(dir.resolve("results/steps/trials"), TrialsTable.SCHEMA);
        List<Row> curves = ParquetTables.readAll(dir.resolve("results/steps/curves"), CurvesTable.SCHEMA);
        String plain = trials.stream().filter(t -> t.get(TrialsTable.SWEEP_POINT).contains("\"model.batch_norm\":false"))
                .findFirst().orElseThrow().get(TrialsTable.TRIAL_ID);
        String withBn = trials.stream().filter(t -> t.get(TrialsTable.SWEEP_POINT).contains("\"model.batch_norm\":true"))
                .findFirst().orElseThrow().get(TrialsTable.TRIAL_ID);
        assertEquals(Map.of("train", Map.of(1, 3L, 2, 6L)), steps(curves, plain));
        assertEquals(Map.of("train", Map.of(1, 2L, 2, 4L), "quantize", Map.of(1, 2L, 2, 4L)), steps(curves, withBn));
    }

    /** The step of each epoch, by stage, of one trial's {@code train_loss} curve. */
    private static Map<String, Map<Integer, Long>> steps(List<Row> curves, String trialId) {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        curves.stream().filter(r -> r.get(CurvesTable.TRIAL_ID).equals(trialId)
                        && r.get(CurvesTable.METRIC).equals("train_loss"))
                .forEach(r -> out.computeIfAbsent(r.get(CurvesTable.STAGE), s -> new TreeMap<>())
                        .put(r.get(CurvesTable.EPOCH), r.get(CurvesTable.STEP)));
        return out;
    }
}
