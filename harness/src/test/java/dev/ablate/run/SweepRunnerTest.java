package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.data.DatasetRegistry;
import dev.ablate.results.CurvesTable;
import dev.ablate.results.LatencyTable;
import dev.ablate.results.LayersTable;
import dev.ablate.results.ParquetTables;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.spec.Plan;
import dev.ablate.spec.Planner;
import dev.ablate.spec.Spec;
import dev.ablate.spec.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver loop on in-process threads: rows, stage reuse, resume, retries, failures and divergence. */
class SweepRunnerTest {

    /** A small, fast sweep on synthetic data: 2 bit-widths × 2 granularities + a pruning case, 2 seeds. */
    static final String SPEC = """
            experiment: sweep-test
            dataset: {name: synthetic, train_size: 400, test_size: 200, features: 12, classes: 3}
            seeds: [0, 1]
            base:
              model: {arch: mlp, hidden: [16]}
              train: {epochs: 3, batch: 32, lr: 0.1}
              eval: {latency: {batch: [1, 4], reps: 3, warmup_ms: 5, min_rep_ms: 1}}
            sweep:
              cases:
                - {}
                - {compress.quantize.weights: {bits: 2, granularity: per-tensor}}
                - {compress.quantize.weights: {bits: 2, granularity: per-channel}}
                - {compress.quantize.weights: {bits: 8, granularity: per-tensor}}
                - {compress.quantize.weights: {bits: 8, granularity: per-channel}}
                - {compress.prune: {sparsity: 0.5}}
            """;

    /** {@link #SPEC} without timing: rows stream as soon as their evaluation is done. */
    static final String UNTIMED_SPEC = SPEC.replace("eval: {latency: {batch: [1, 4], reps: 3, warmup_ms: 5, min_rep_ms: 1}}",
            "eval: {latency: off}");

    @TempDir
    Path dir;

    private static final AtomicInteger EXECUTED = new AtomicInteger();
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** The real pipeline, counting the stage nodes it is asked to compute. */
    private static final StageWork COUNTING = task -> {
        EXECUTED.incrementAndGet();
        return new StagePipeline().compute(task);
    };

    static Plan plan(String text, Path dir) {
        Spec spec = SpecLoader.parse(text, dir.resolve("spec.yaml"));
        return Planner.plan(spec, DatasetRegistry.fingerprint(spec.dataset()), Planner.DEFAULT_MAX_TRIALS);
    }

    private SweepSummary run(Plan plan, StageWork work, SweepRunner.Options options, List<Row> rows) throws Exception {
        try (LocalExecutor executor = new LocalExecutor(work, 2)) {
            SweepListener collect = new SweepListener() {
                @Override
                public void trialFinished(Row row, int done, int total, int failed) {
                    rows.add(row);
                }
            };
            return new SweepRunner(executor, new ResultsLayout(dir.resolve("results")), options, collect)
                    .run(plan, Provenance.current("run" + RUNS.incrementAndGet()));
        }
    }

    private List<Row> table() {
        return ParquetTables.readAll(dir.resolve("results/sweep-test/trials"), TrialsTable.SCHEMA);
    }

    @Test
    void everyTrialGetsOneRowAndEachUpstreamStageRunsOnce() throws Exception {
        Plan plan = plan(SPEC, dir);
        List<Row> rows = new ArrayList<>();
        EXECUTED.set(0);
        SweepSummary s = run(plan, COUNTING, SweepRunner.Options.DEFAULT, rows);
        assertEquals(12, s.ok());
        assertEquals(Map.of(StageKind.TRAIN, 2, StageKind.PRUNE, 2, StageKind.QUANTIZE, 8, StageKind.EVALUATE, 12,
                StageKind.LATENCY, 12), s.stagesRun());
        assertEquals(36, EXECUTED.get());
        List<Row> table = table();
        assertEquals(12, table.size());
        assertEquals(plan.trials().stream().map(t -> t.id()).collect(Collectors.toSet()),
                table.stream().map(r -> r.get(TrialsTable.TRIAL_ID)).collect(Collectors.toSet()));
        for (Row r : table) {
            assertEquals("ok", r.get(TrialsTable.STATUS));
            assertNotNull(r.get(TrialsTable.ACCURACY));
            assertNotNull(r.get(TrialsTable.BASELINE_ACCURACY));
            assertEquals(r.get(TrialsTable.BASELINE_ACCURACY) - r.get(TrialsTable.ACCURACY), r.get(TrialsTable.ACCURACY_DROP), 1e-12);
            assertEquals("sweep-test", r.get(TrialsTable.EXPERIMENT));
            assertTrue(r.get(TrialsTable.RUN_ID).startsWith("run"));
            assertEquals(12L * 16 + 16 + 16 * 3 + 3, r.get(TrialsTable.PARAMS_TOTAL));
            assertTrue(r.get(TrialsTable.STARTED_AT).compareTo(r.get(TrialsTable.FINISHED_AT)) <= 0);
        }
        Row baseline = table.stream().filter(r -> r.get(TrialsTable.TECHNIQUE).equals("baseline")).findFirst().orElseThrow();
        assertEquals(0.0, baseline.get(TrialsTable.ACCURACY_DROP));
        assertNull(baseline.get(TrialsTable.W_BITS));
        // efficiency: the fp32 model is its own reference; 2-bit per-tensor weights pack to ~1/16 plus fp32 biases
        long params = 12L * 16 + 16 + 16 * 3 + 3;
        assertEquals(4 * params, baseline.get(TrialsTable.MODEL_BYTES));
        assertEquals(1.0, baseline.get(TrialsTable.COMPRESSION_RATIO));
        assertEquals(12L * 16 + 16 * 3, baseline.get(TrialsTable.MACS));
        assertEquals(baseline.get(TrialsTable.MACS) * 32 * 32, baseline.get(TrialsTable.BOPS));
        assertTrue(baseline.get(TrialsTable.ENERGY_PJ) > 0);
        Row twoBit = table.stream().filter(r -> Integer.valueOf(2).equals(r.get(TrialsTable.W_BITS))
                && "per-tensor".equals(r.get(TrialsTable.GRANULARITY))).findFirst().orElseThrow();
        assertTrue(twoBit.get(TrialsTable.MODEL_BYTES) <= ((12 * 16 + 16 * 3) * 2 + 2 * 32 + (16 + 3) * 32) / 8 + 1,
                "2-bit weights, a scale per layer and fp32 biases: " + twoBit.get(TrialsTable.MODEL_BYTES));
        assertTrue(twoBit.get(TrialsTable.COMPRESSION_RATIO) > 7, "the fp32 biases weigh in this tiny model");
        assertTrue(twoBit.get(TrialsTable.MODEL_BYTES_CODED) <= twoBit.get(TrialsTable.MODEL_BYTES) + 16);
        for (Row r : table) {
            assertTrue(r.get(TrialsTable.LATENCY_MS_B1) > 0);
            assertNull(r.get(TrialsTable.THROUGHPUT_B64), "batch 64 was not timed");
            assertTrue(r.get(TrialsTable.LATENCY_KERNEL).startsWith("fp32-dense"), r.get(TrialsTable.LATENCY_KERNEL));
        }
        // every trial has a layers row per weight layer and a latency row per kernel and batch size
        List<Row> layers = ParquetTables.readAll(dir.resolve("results/sweep-test/layers"), LayersTable.SCHEMA);
        assertEquals(12 * 2, layers.size());
        Row fc1 = layers.stream().filter(r -> r.get(LayersTable.TRIAL_ID).equals(baseline.get(TrialsTable.TRIAL_ID))
                && r.get(LayersTable.LAYER).equals("fc1")).findFirst().orElseThrow();
        assertEquals("fp32", fc1.get(LayersTable.W_FORMAT));
        assertEquals(32, fc1.get(LayersTable.BITS));
        assertEquals("dense", fc1.get(LayersTable.ENCODING));
        assertEquals(12L * 16 * 4, fc1.get(LayersTable.PACKED_BYTES));
        List<Row> latency = ParquetTables.readAll(dir.resolve("results/sweep-test/latency"), LatencyTable.SCHEMA);
        assertEquals(12 * 2, latency.size());
        assertTrue(latency.stream().allMatch(r -> r.get(LatencyTable.MEDIAN_MS) > 0 && r.get(LatencyTable.REPS) == 3));
        // curves: 3 epochs × 4 metrics (no validation split) of the training stage, under each of the 12 trials
        List<Row> curves = ParquetTables.readAll(dir.resolve("results/sweep-test/curves"), CurvesTable.SCHEMA);
        assertEquals(12 * 3 * 4, curves.size());
        Row first = curves.stream().filter(r -> r.get(CurvesTable.METRIC).equals("train_loss")
                && r.get(CurvesTable.EPOCH) == 3).findFirst().orElseThrow();
        assertEquals("train", first.get(CurvesTable.STAGE));
        assertEquals(3L * (400 / 32 + 1), first.get(CurvesTable.STEP));
        assertTrue(first.get(CurvesTable.VALUE) > 0 && first.get(CurvesTable.VALUE) < 2);
        Row pruned = table.stream().filter(r -> r.get(TrialsTable.TECHNIQUE).equals("prune")).findFirst().orElseThrow();
        assertEquals(0.5, pruned.get(TrialsTable.SPARSITY_TARGET));
        assertEquals(0.5 * (12 * 16 + 16 * 3), (double) (pruned.get(TrialsTable.PARAMS_TOTAL) - pruned.get(TrialsTable.PARAMS_NONZERO)), 1.0);
    }

    @Test
    void rerunningSkipsEveryFinishedTrialAndWritesNoDuplicate() throws Exception {
        Plan plan = plan(SPEC, dir);
        run(plan, COUNTING, SweepRunner.Options.DEFAULT, new ArrayList<>());
        EXECUTED.set(0);
        List<Row> rows = new ArrayList<>();
        SweepSummary again = run(plan, COUNTING, SweepRunner.Options.DEFAULT, rows);
        assertEquals(0, again.ran());
        assertEquals(12, again.alreadyDone());
        assertEquals(0, EXECUTED.get(), "no stage may run again");
        assertEquals(0, again.partFiles());
        assertEquals(12, table().size());
        assertEquals(12, table().stream().map(r -> r.get(TrialsTable.TRIAL_ID)).distinct().count());
    }

    @Test
    void aThrowingTrialBecomesAFailedRowWhileTheOthersFinish() throws Exception {
        Plan plan = plan(SPEC, dir);
        StageWork failingPrune = task -> {
            if (task.kind() == StageKind.PRUNE && task.seed() == 1) {
                throw new IllegalStateException("injected prune failure");
            }
            return new StagePipeline().compute(task);
        };
        SweepSummary s = run(plan, failingPrune, SweepRunner.Options.DEFAULT, new ArrayList<>());
        assertEquals(11, s.ok());
        assertEquals(1, s.failed());
        Row failed = table().stream().filter(r -> r.get(TrialsTable.STATUS).equals("failed")).findFirst().orElseThrow();
        assertEquals(1L, failed.get(TrialsTable.SEED));
        assertEquals("prune", failed.get(TrialsTable.TECHNIQUE));
        assertTrue(failed.get(TrialsTable.ERROR).contains("upstream prune stage"), failed.get(TrialsTable.ERROR));
        assertTrue(failed.get(TrialsTable.ERROR).contains("IllegalStateException: injected prune failure"));
        assertNull(failed.get(TrialsTable.ACCURACY));

        // a plain re-run keeps the failed row; --retry-failed runs it again and replaces it
        assertEquals(0, run(plan, COUNTING, SweepRunner.Options.DEFAULT, new ArrayList<>()).ran());
        EXECUTED.set(0);
        SweepSummary retry = run(plan, COUNTING, SweepRunner.Options.DEFAULT.withRetryFailed(true), new ArrayList<>());
        assertEquals(1, retry.ok());
        assertEquals(3, EXECUTED.get(), "the prune stage, its evaluation and timing; training is reused");
        assertEquals(Map.of(StageKind.PRUNE, 1, StageKind.EVALUATE, 1, StageKind.LATENCY, 1), retry.stagesRun());
        assertEquals(Map.of(StageKind.TRAIN, 1, StageKind.EVALUATE, 1), retry.stagesReused());
        List<Row> table = table();
        assertEquals(12, table.size());
        assertTrue(table.stream().allMatch(r -> r.get(TrialsTable.STATUS).equals("ok")));
    }

    @Test
    void aDivergingTrainingMarksItsTrialsDiverged() throws Exception {
        Plan plan = plan("""
                experiment: sweep-test
                dataset: {name: synthetic, train_size: 200, test_size: 50, features: 4, classes: 2}
                seeds: [0]
                base:
                  model: {arch: mlp, hidden: [8]}
                  train: {epochs: 2, batch: 16}
                sweep:
                  grid: {train.lr: [0.05, 1.0e30]}
                  cases: [{}, {compress.quantize.weights.bits: 4}]
                """, dir);
        SweepSummary s = run(plan, COUNTING, SweepRunner.Options.DEFAULT, new ArrayList<>());
        assertEquals(2, s.ok());
        assertEquals(2, s.diverged());
        Set<String> statuses = new HashSet<>();
        for (Row r : table()) {
            if (r.get(TrialsTable.CONFIG).contains("1.0E30")) {
                statuses.add(r.get(TrialsTable.STATUS));
                assertTrue(r.get(TrialsTable.ERROR).toLowerCase().contains("loss"), r.get(TrialsTable.ERROR));
            }
        }
        assertEquals(Set.of("diverged"), statuses);
    }

    @Test
    void rowsStreamToPartFilesDuringTheRun() throws Exception {
        Plan plan = plan(SPEC, dir);
        List<Integer> filesSeenWhileRunning = new ArrayList<>();
        Path table = dir.resolve("results/sweep-test/trials");
        try (LocalExecutor executor = new LocalExecutor(COUNTING, 2)) {
            SweepListener watch = new SweepListener() {
                @Override
                public void trialFinished(Row row, int done, int total, int failed) {
                    filesSeenWhileRunning.add(ParquetTables.partFiles(table).size());
                }
            };
            SweepSummary s = new SweepRunner(executor, new ResultsLayout(dir.resolve("results")),
                    new SweepRunner.Options(false, 1, Duration.ofSeconds(5)), watch).run(plan, Provenance.current("r"));
            assertEquals(12, s.partFiles());
        }
        // with one row per part file, each row is on disk by the time its trial is reported
        for (int i = 0; i < filesSeenWhileRunning.size(); i++) {
            assertEquals(i + 1, filesSeenWhileRunning.get(i));
        }
    }

    @Test
    void timingsWaitUntilEveryOtherStageHasFinished() throws Exception {
        Plan plan = plan(SPEC, dir);
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        StageWork recording = task -> {
            events.add("start " + task.kind());
            String out = new StagePipeline().compute(task);
            events.add("end " + task.kind());
            return out;
        };
        run(plan, recording, SweepRunner.Options.DEFAULT, new ArrayList<>());
        int firstTiming = events.indexOf("start LATENCY");
        int lastOther = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("end ") && !events.get(i).equals("end LATENCY")) {
                lastOther = i;
            }
        }
        assertTrue(firstTiming > lastOther, events.toString());
        assertEquals(12, events.stream().filter(e -> e.equals("start LATENCY")).count());
        // two executor threads: one is left to the driver, so the timings run one at a time
        List<String> timings = events.subList(firstTiming, events.size());
        for (int i = 0; i < timings.size(); i++) {
            assertEquals(i % 2 == 0 ? "start LATENCY" : "end LATENCY", timings.get(i), timings.toString());
        }
    }

    @Test
    void aSlowStageDoesNotHoldBackTheTrialsOfOthers() throws Exception {
        Plan plan = plan(UNTIMED_SPEC, dir);
        StageWork slowSeedZero = task -> {
            if (task.kind() == StageKind.TRAIN && task.seed() == 0) {
                Thread.sleep(1500);
            }
            return new StagePipeline().compute(task);
        };
        List<Row> rows = new ArrayList<>();
        run(plan, slowSeedZero, SweepRunner.Options.DEFAULT, rows);
        assertEquals(12, rows.size());
        // all six trials of seed 1 (baseline, 4 quantized, pruned) finish while seed 0 is still training
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), rows.subList(0, 6).stream().map(r -> r.get(TrialsTable.SEED)).toList());
        assertTrue(rows.stream().allMatch(r -> r.get(TrialsTable.BASELINE_ACCURACY) != null),
                "every row still has its baseline's accuracy");
    }
}
