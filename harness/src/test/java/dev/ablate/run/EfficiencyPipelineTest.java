package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.data.DatasetRegistry;
import dev.ablate.metrics.latency.InferenceKernel;
import dev.ablate.results.LatencyTable;
import dev.ablate.results.ParquetTables;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.spec.Plan;
import dev.ablate.spec.Planner;
import dev.ablate.spec.Spec;
import dev.ablate.spec.SpecException;
import dev.ablate.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The efficiency columns through the real pipeline: the kernel each model deploys with, and a user's cost table. */
class EfficiencyPipelineTest {

    @TempDir
    Path dir;

    private Plan plan(String text) {
        Spec spec = SpecLoader.parse(text, dir.resolve("spec.yaml"));
        return Planner.plan(spec, DatasetRegistry.fingerprint(spec.dataset()), Planner.DEFAULT_MAX_TRIALS,
                StagePipeline::check);
    }

    private List<Row> run(Plan plan) throws Exception {
        try (LocalExecutor executor = new LocalExecutor(new StagePipeline(), 2)) {
            new SweepRunner(executor, new ResultsLayout(dir.resolve("results")), SweepRunner.Options.DEFAULT,
                    new SweepListener() {
                    }).run(plan, Provenance.current("r"));
        }
        return ParquetTables.readAll(dir.resolve("results/eff/trials"), TrialsTable.SCHEMA);
    }

    /** The default table with every energy doubled. */
    private Path doubledTable() throws Exception {
        Path table = dir.resolve("doubled.yaml");
        Files.writeString(table, """
                name: doubled
                source: horowitz-45nm x 2
                unit: pJ
                int_add:  {8: 0.06, 32: 0.2}
                int_mult: {8: 0.4, 32: 6.2}
                fp_add:   {16: 0.8, 32: 1.8}
                fp_mult:  {16: 2.2, 32: 7.4}
                sram_read_32b: 10.0
                dram_read_32b: 1280.0
                """);
        return table;
    }

    @Test
    void eachModelIsTimedWithTheKernelItDeploysWithAndPricedByTheTableItNames() throws Exception {
        String spec = """
                experiment: eff
                dataset: {name: synthetic, train_size: 300, test_size: 100, features: 12, classes: 3}
                seeds: [0]
                base:
                  model: {arch: mlp, hidden: [32]}
                  train: {epochs: 2, batch: 32, lr: 0.1}
                  eval: {latency: {batch: [1, 8], reps: 3, warmup_ms: 5, min_rep_ms: 1, sparse_threshold: 0.8}}
                sweep:
                  cases:
                    - {}
                    - {eval.cost_model: "%s"}
                    - compress.quantize:
                        weights: {format: int, bits: 8, granularity: per-channel}
                        activations: {bits: 8, calibration: {batches: 2}}
                    - {compress.prune: {sparsity: 0.9, finetune_epochs: 1}}
                """.formatted(doubledTable().toString().replace("\\", "/"));
        List<Row> rows = run(plan(spec));
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(r -> "ok".equals(r.get(TrialsTable.STATUS))), rows.toString());

        List<Row> fp32 = rows.stream().filter(r -> "baseline".equals(r.get(TrialsTable.TECHNIQUE))).toList();
        assertEquals(2, fp32.size(), "the same model priced by two tables");
        double horowitz = fp32.stream().filter(r -> !r.get(TrialsTable.CONFIG).contains("doubled"))
                .findFirst().orElseThrow().get(TrialsTable.ENERGY_PJ);
        double doubled = fp32.stream().filter(r -> r.get(TrialsTable.CONFIG).contains("doubled"))
                .findFirst().orElseThrow().get(TrialsTable.ENERGY_PJ);
        assertEquals(2 * horowitz, doubled, 1e-9 * doubled);

        Row int8 = rows.stream().filter(r -> Integer.valueOf(8).equals(r.get(TrialsTable.A_BITS))).findFirst()
                .orElseThrow();
        assertEquals(InferenceKernel.INT8, int8.get(TrialsTable.LATENCY_KERNEL));
        assertEquals(int8.get(TrialsTable.MACS) * 8 * 8, int8.get(TrialsTable.BOPS));
        // DRAM traffic dominates: a quarter of the weight bits, but fp32 biases and per-channel scales weigh in here
        assertTrue(int8.get(TrialsTable.ENERGY_PJ) < horowitz / 2, int8.get(TrialsTable.ENERGY_PJ) + " vs " + horowitz);
        Row pruned = rows.stream().filter(r -> "prune".equals(r.get(TrialsTable.TECHNIQUE))).findFirst().orElseThrow();
        // dense and CSR compute the same function: the row reports the faster at each batch size
        List<Row> latency = ParquetTables.readAll(dir.resolve("results/eff/latency"), LatencyTable.SCHEMA);
        Row fastest = latency.stream().filter(r -> r.get(LatencyTable.TRIAL_ID).equals(pruned.get(TrialsTable.TRIAL_ID))
                && r.get(LatencyTable.BATCH) == 1).min(Comparator.comparing(r -> r.get(LatencyTable.MEDIAN_MS)))
                .orElseThrow();
        assertEquals(fastest.get(LatencyTable.KERNEL), pruned.get(TrialsTable.LATENCY_KERNEL));
        assertEquals(fastest.get(LatencyTable.MEDIAN_MS), pruned.get(TrialsTable.LATENCY_MS_B1));
        assertTrue(pruned.get(TrialsTable.MACS) < 0.15 * pruned.get(TrialsTable.MACS_DENSE));
        assertTrue(pruned.get(TrialsTable.COMPRESSION_RATIO) > 3);

        assertEquals(Set.of("fp32-dense", InferenceKernel.INT8), kernels(latency, int8));
        assertEquals(Set.of("fp32-dense", InferenceKernel.CSR), kernels(latency, pruned));
        assertEquals(2 + 2 + 4 + 4, latency.size(), "per trial: its kernels at batch 1 and 8");
    }

    private static Set<String> kernels(List<Row> latency, Row trial) {
        return latency.stream().filter(r -> r.get(LatencyTable.TRIAL_ID).equals(trial.get(TrialsTable.TRIAL_ID)))
                .map(r -> r.get(LatencyTable.KERNEL).replaceAll("/.*", "")).collect(Collectors.toSet());
    }

    @Test
    void aBrokenCostTableIsASpecErrorThatNamesItsFileLineAndKey() throws Exception {
        Path table = doubledTable();
        Files.writeString(table, Files.readString(table).replace("{8: 0.4, 32: 6.2}", "{8: -0.4, 32: 6.2}"));
        String spec = """
                experiment: eff
                dataset: {name: synthetic}
                base:
                  eval: {cost_model: "%s"}
                """.formatted(table.toString().replace("\\", "/"));
        SpecException e = assertThrows(SpecException.class, () -> plan(spec));
        assertTrue(e.getMessage().contains("doubled.yaml:5: int_mult.8:"), e.getMessage());
        assertThrows(SpecException.class, () -> plan(spec.replace("doubled.yaml", "missing.yaml")));
    }
}
