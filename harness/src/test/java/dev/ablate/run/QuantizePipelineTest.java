package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.CurvesTable;
import dev.ablate.results.LayersTable;
import dev.ablate.results.ParquetTables;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.spec.Plan;
import dev.ablate.spec.Planner;
import dev.ablate.spec.SpecException;
import dev.ablate.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quantize stage through the real pipeline: every {@code compress.quantize} option a researcher sweeps ends
 * in a row (or a located failure), with the simulated and deployed accuracy and the {@code layers} table.
 */
class QuantizePipelineTest {

    private static final String SPEC = """
            experiment: quant-test
            dataset: {name: synthetic, train_size: 600, test_size: 400, features: 16, classes: 4, validation: 100}
            seeds: [0]
            base:
              model: {arch: mlp, hidden: [24, 16]}
              train: {epochs: 4, batch: 32, lr: 0.1}
              compress:
                quantize:
                  weights: {format: int, bits: 8, granularity: per-channel}
                  qat: {epochs: 1, lr: 0.02}
            sweep:
              cases:
                - {compress.quantize.activations: {bits: 8}}
                - {compress.quantize.weights.format: fp8-e4m3}
                - {compress.quantize.weights: {format: fp4-e2m1, granularity: none}}
                - {compress.quantize.weights: {format: fp8-e5m2, granularity: per-group, group_size: 8,
                   calibration: mse}}
                - {compress.quantize.weights.format: nvfp4}
                - {compress.quantize.weights.format: fp8-e4m3, compress.quantize.activations: {format: fp8-e4m3}}
                - {compress.quantize.method: qat, compress.quantize.weights.format: fp4-e2m1,
                   compress.quantize.activations: {format: fp8-e5m2, calibration: {method: percentile}}}
                - {compress.quantize.weights.format: mxfp4}
                - {compress.quantize.weights.format: codebook, compress.quantize.weights.bits: 3}
                - {compress.quantize.weights.format: ternary}
                - {compress.quantize.weights: {bits: 4, granularity: per-group, group_size: 8, rounding: stochastic}}
                - {compress.quantize.weights.bits: 3, compress.quantize.layers: {fc1: {bits: 8}}}
                - {compress.quantize.weights.bits: 2, compress.quantize.first_last_bits: 8}
                - {compress.quantize.weights: {bits: 4, granularity: per-tensor}, compress.quantize.equalize: true,
                   compress.quantize.bias_correction: true, compress.quantize.activations: {calibration: {method: kl}}}
                - {compress.quantize.mixed_precision: {budget: 0.2, candidates: [2, 4, 8]}}
                - {compress.quantize.method: qat, compress.quantize.weights.bits: 4,
                   compress.quantize.activations: {bits: 8}}
                - {compress.quantize.method: qat, compress.quantize.weights.bits: 4, compress.quantize.qat.lsq: true,
                   compress.quantize.activations: {bits: 8, calibration: {method: mse}}}
                - {compress.quantize.layerwise: true, compress.quantize.weights: {bits: 2, granularity: per-tensor}}
                - {compress.quantize.layers: {fc9: {bits: 4}}}
                - {model.batch_norm: true, compress.quantize.method: qat, compress.quantize.fold_bn: false,
                   compress.quantize.qat: {epochs: 2, freeze_bn_epochs: 1}, compress.quantize.activations: {bits: 8}}
            """;

    @TempDir
    static Path dir;

    private static List<Row> trials;
    private static List<Row> layers;
    private static List<Row> curves;

    @BeforeAll
    static void runTheSweep() throws Exception {
        Plan plan = SweepRunnerTest.plan(SPEC, dir);
        try (LocalExecutor executor = new LocalExecutor(new StagePipeline(), 2)) {
            new SweepRunner(executor, new ResultsLayout(dir.resolve("results")), SweepRunner.Options.DEFAULT,
                    new SweepListener() { }).run(plan, Provenance.current("quant-test"));
        }
        trials = ParquetTables.readAll(dir.resolve("results/quant-test/trials"), TrialsTable.SCHEMA);
        layers = ParquetTables.readAll(dir.resolve("results/quant-test/layers"), LayersTable.SCHEMA);
        curves = ParquetTables.readAll(dir.resolve("results/quant-test/curves"), CurvesTable.SCHEMA);
    }

    private static Row trial(String sweepPointFragment) {
        List<Row> matching = trials.stream().filter(r -> r.get(TrialsTable.SWEEP_POINT).contains(sweepPointFragment))
                .toList();
        assertEquals(1, matching.size(), sweepPointFragment + " in " + trials.stream()
                .map(r -> r.get(TrialsTable.SWEEP_POINT)).toList());
        return matching.get(0);
    }

    private static Map<String, Row> layersOf(Row trial) {
        return layers.stream().filter(l -> l.get(LayersTable.TRIAL_ID).equals(trial.get(TrialsTable.TRIAL_ID)))
                .collect(Collectors.toMap(l -> l.get(LayersTable.LAYER), Function.identity()));
    }

    @Test
    void combinationsNoModelCouldRunAreSpecErrorsAtPlanTime() {
        String head = "experiment: bad\ndataset: {name: synthetic}\n";
        SpecException e = assertThrows(SpecException.class, () -> Planner.plan(SpecLoader.parse(head
                + "sweep:\n  grid:\n    compress.quantize.weights: [{format: binary, granularity: per-group}]\n",
                dir.resolve("bad.yaml")), "fp", Planner.DEFAULT_MAX_TRIALS, StagePipeline::check));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("sweep point")
                && e.getMessage().contains("compress.quantize.weights: ") && e.getMessage().contains("per-group"),
                e.getMessage());
        e = assertThrows(SpecException.class, () -> Planner.plan(SpecLoader.parse(head + "base:\n  compress:\n"
                + "    quantize: {method: qat, weights: {format: ternary}, qat: {lsq: true}}\n",
                dir.resolve("bad.yaml")), "fp", Planner.DEFAULT_MAX_TRIALS, StagePipeline::check));
        assertTrue(e.getMessage().contains("base") && e.getMessage().contains("compress.quantize.qat.lsq"),
                e.getMessage());
        e = assertThrows(SpecException.class, () -> Planner.plan(SpecLoader.parse(head + "base:\n  compress:\n"
                + "    quantize: {activations: {format: fp8-e4m3, calibration: {method: kl}}}\n",
                dir.resolve("bad.yaml")), "fp", Planner.DEFAULT_MAX_TRIALS, StagePipeline::check));
        assertTrue(e.getMessage().contains("compress.quantize.activations: calibration method 'kl'")
                && e.getMessage().contains("applies only to int"), e.getMessage());
        e = assertThrows(SpecException.class, () -> Planner.plan(SpecLoader.parse(head + "base:\n  compress:\n"
                + "    quantize: {weights: {format: int, granularity: none}}\n",
                dir.resolve("bad.yaml")), "fp", Planner.DEFAULT_MAX_TRIALS, StagePipeline::check));
        assertTrue(e.getMessage().contains("granularity none (no scale) applies only to fp8-e4m3, fp8-e5m2, fp6-e3m2, fp6-e2m3 and fp4-e2m1"), e.getMessage());
    }

    @Test
    void everyValidCombinationRunsAndTheBadLayerNameFailsWithItsKey() {
        assertEquals(20, trials.size());
        for (Row r : trials) {
            if (r.get(TrialsTable.SWEEP_POINT).contains("fc9")) {
                assertEquals(TrialsTable.FAILED, r.get(TrialsTable.STATUS));
                assertTrue(r.get(TrialsTable.ERROR).contains("compress.quantize.layers.fc9: the model has no weight "
                        + "layer 'fc9' (its weight layers: fc1, fc2, fc3)"), r.get(TrialsTable.ERROR));
            } else {
                assertEquals(TrialsTable.OK, r.get(TrialsTable.STATUS), r.get(TrialsTable.SWEEP_POINT) + ": "
                        + r.get(TrialsTable.ERROR));
                assertTrue(r.get(TrialsTable.ACCURACY) > 0.4, r.get(TrialsTable.SWEEP_POINT) + " learns something");
            }
        }
    }

    @Test
    void int8WeightsAndActivationsAreDeployedToIntegerInferenceThatAgreesWithTheSimulation() {
        Row w8a8 = trial("{\"compress.quantize.activations\":{\"bits\":8}}");
        assertEquals(8, w8a8.get(TrialsTable.A_BITS));
        assertEquals("minmax", w8a8.get(TrialsTable.CALIBRATION));
        assertNotNull(w8a8.get(TrialsTable.ACCURACY_DEPLOYED));
        assertEquals(w8a8.get(TrialsTable.ACCURACY), w8a8.get(TrialsTable.ACCURACY_DEPLOYED), 0.005);
        assertNull(trial("{\"compress.quantize.weights.format\":\"fp8-e4m3\"}").get(TrialsTable.ACCURACY_DEPLOYED),
                "weight-only models are not converted");
        assertNull(trial("activations\":{\"format\":\"fp8-e4m3\"}").get(TrialsTable.ACCURACY_DEPLOYED),
                "float activations have no integer-only form");
    }

    @Test
    void fixedWidthFormatsReportTheirWidthAndOnlyScaledOnesAGranularity() {
        Row fp8 = trial("{\"compress.quantize.weights.format\":\"fp8-e4m3\"}");
        assertEquals(8, fp8.get(TrialsTable.W_BITS));
        assertEquals("per-channel", fp8.get(TrialsTable.GRANULARITY), "scaled per channel by default");
        assertEquals("minmax", fp8.get(TrialsTable.CALIBRATION));
        assertEquals("none", trial("\"granularity\":\"none\"").get(TrialsTable.GRANULARITY));
        assertNull(trial("nvfp4").get(TrialsTable.GRANULARITY));
        assertNull(trial("mxfp4").get(TrialsTable.GRANULARITY));
        assertEquals(4, trial("nvfp4").get(TrialsTable.W_BITS));
        assertEquals(4, trial("mxfp4").get(TrialsTable.W_BITS));
        assertEquals(3, trial("codebook").get(TrialsTable.W_BITS));
        assertEquals(2, trial("ternary").get(TrialsTable.W_BITS));
        Map<String, Row> mx = layersOf(trial("mxfp4"));
        assertEquals("mxfp4", mx.get("fc1").get(LayersTable.W_FORMAT));
        assertTrue(mx.get("fc1").get(LayersTable.WEIGHT_SQNR_DB) > 10, "4-bit floats keep the weights' shape");
    }

    @Test
    void scaledFloatFormatsKeepTheWeightsThatTheRawGridLoses() {
        Map<String, Row> raw = layersOf(trial("\"granularity\":\"none\""));
        Map<String, Row> nv = layersOf(trial("nvfp4"));
        Map<String, Row> e5m2 = layersOf(trial("\"calibration\":\"mse\""));
        // fc1 is [24, 16], packed densely: nvfp4 = 384 x 4 bits + one E4M3 scale per row-block of 16 (24 x 8)
        // + the fp32 tensor scale = 1,760 bits = 220 bytes; fp8 per-group 8 = 384 x 8 + 48 fp32 scales = 576 bytes
        assertEquals("dense", nv.get("fc1").get(LayersTable.ENCODING));
        assertEquals((384 * 4 + 24 * 8 + 32) / 8, nv.get("fc1").get(LayersTable.PACKED_BYTES));
        assertEquals("dense", e5m2.get("fc1").get(LayersTable.ENCODING));
        assertEquals((384 * 8 + 48 * 32) / 8, e5m2.get("fc1").get(LayersTable.PACKED_BYTES));
        assertTrue(nv.get("fc1").get(LayersTable.WEIGHT_SQNR_DB) > raw.get("fc1").get(LayersTable.WEIGHT_SQNR_DB),
                "block scales beat the raw E2M1 grid");
    }

    @Test
    void fp8ActivationsAreRecordedAndCostedAtTheirWidth() {
        Row w8a8 = trial("activations\":{\"format\":\"fp8-e4m3\"}");
        assertEquals("fp8-e4m3", w8a8.get(TrialsTable.A_FORMAT));
        assertEquals(8, w8a8.get(TrialsTable.A_BITS));
        assertEquals(w8a8.get(TrialsTable.BASELINE_ACCURACY), w8a8.get(TrialsTable.ACCURACY), 0.02);
        layersOf(w8a8).values().forEach(l -> assertEquals(8, l.get(LayersTable.A_BITS)));
        Row qat = trial("\"method\":\"percentile\"},\"format\":\"fp8-e5m2\"");
        assertEquals("fp8-e5m2", qat.get(TrialsTable.A_FORMAT));
        assertEquals("percentile", qat.get(TrialsTable.CALIBRATION));
        assertEquals(TrialsTable.OK, qat.get(TrialsTable.STATUS), qat.get(TrialsTable.ERROR));
    }

    @Test
    void perLayerBitWidthsReachTheLayersTable() {
        Map<String, Row> override = layersOf(trial("\"fc1\":{\"bits\":8}"));
        assertEquals(8, override.get("fc1").get(LayersTable.BITS));
        assertEquals(3, override.get("fc2").get(LayersTable.BITS));
        Map<String, Row> edges = layersOf(trial("first_last_bits"));
        assertEquals(List.of(8, 2, 8), List.of(edges.get("fc1").get(LayersTable.BITS), edges.get("fc2").get(LayersTable.BITS),
                edges.get("fc3").get(LayersTable.BITS)));
        assertNull(trial("mixed_precision").get(TrialsTable.W_BITS), "per-layer widths are in the layers table");
        Map<String, Row> mixed = layersOf(trial("mixed_precision"));
        long bits = mixed.values().stream().mapToLong(l -> l.get(LayersTable.PARAMS) * l.get(LayersTable.BITS)).sum();
        long params = mixed.values().stream().mapToLong(l -> l.get(LayersTable.PARAMS)).sum();
        assertTrue(bits < 0.2 * 32 * params, "mixed precision meets its budget: " + bits + " bits for " + params);
        assertEquals(16 * 24, override.get("fc1").get(LayersTable.MACS));
    }

    @Test
    void qatFineTunesAndRecordsItsCurve() {
        Row qat = trial("\"compress.quantize.activations\":{\"bits\":8},\"compress.quantize.method\":\"qat\"");
        assertEquals("qat", qat.get(TrialsTable.QUANT_METHOD));
        assertEquals(1, qat.get(TrialsTable.FINETUNE_EPOCHS));
        assertNotNull(qat.get(TrialsTable.ACCURACY_DEPLOYED), "4-bit weights on the int8 grid deploy too");
        assertTrue(curves.stream().anyMatch(c -> c.get(CurvesTable.TRIAL_ID).equals(qat.get(TrialsTable.TRIAL_ID))
                && c.get(CurvesTable.STAGE).equals("quantize")));
        Row lsq = trial("\"compress.quantize.qat.lsq\":true");
        assertEquals("mse", lsq.get(TrialsTable.CALIBRATION));
    }

    @Test
    void qatCanKeepBatchNormUnfoldedAndFreezeItsStatisticsButThenDoesNotDeploy() {
        Row kept = trial("freeze_bn_epochs");
        assertEquals(TrialsTable.OK, kept.get(TrialsTable.STATUS));
        assertEquals(2, curves.stream().filter(c -> c.get(CurvesTable.TRIAL_ID).equals(kept.get(TrialsTable.TRIAL_ID))
                && c.get(CurvesTable.STAGE).equals("quantize") && c.get(CurvesTable.METRIC).equals("train_loss")).count());
        assertNull(kept.get(TrialsTable.ACCURACY_DEPLOYED), "integer inference needs BatchNorm folded");
    }

    @Test
    void layerwiseTrialsReportEachLayersAccuracyAloneAndItsSensitivity() {
        Row layerwise = trial("\"compress.quantize.layerwise\":true");
        Map<String, Row> rows = layersOf(layerwise);
        assertEquals(3, rows.size());
        for (Row l : rows.values()) {
            assertNotNull(l.get(LayersTable.ACCURACY_ALONE), l.get(LayersTable.LAYER));
            assertEquals(layerwise.get(TrialsTable.BASELINE_ACCURACY) - l.get(LayersTable.ACCURACY_ALONE),
                    l.get(LayersTable.SENSITIVITY), 1e-9);
        }
        assertNull(layersOf(trial("mxfp4")).get("fc1").get(LayersTable.ACCURACY_ALONE));
    }
}
