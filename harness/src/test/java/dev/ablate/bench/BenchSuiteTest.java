package dev.ablate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.models.ModelZoo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmark in quick mode on tiny sizes: checks the structure of what it reports (every shape for every available
 * BLAS, one engine row each, fractions in (0, 1], repetition counts, the table and the JSON), never its speed.
 */
class BenchSuiteTest {

    private static final List<GemmShape> TINY = List.of(GemmShape.linear("tiny", 4, 12, 8).get(0),
            new GemmShape("tiny.nt", "N", "T", 8, 6, 4), GemmShape.square(16));

    private static BenchReport report;

    @TempDir
    Path dir;

    @BeforeAll
    static void runQuick() {
        BenchSettings settings = BenchSettings.quick().withGemmShapes(TINY).withTrainExamples(130);
        report = BenchSuite.run(settings, new PrintWriter(new StringWriter()));
    }

    @Test
    void gemmHasOneRowPerShapeAndAvailableImplementationWithTheEngineAmongThem() {
        Set<String> available = BlasImplementation.all().stream().filter(BlasImplementation::isAvailable)
                .map(BlasImplementation::name).collect(Collectors.toSet());
        assertFalse(available.isEmpty());
        assertEquals(TINY.size() * available.size(), report.gemm().size());
        for (GemmShape shape : TINY) {
            List<GemmResult> rows = report.gemm().stream().filter(r -> r.shape().equals(shape)).toList();
            assertEquals(available, rows.stream().map(GemmResult::implementation).collect(Collectors.toSet()));
            assertEquals(1, rows.stream().filter(GemmResult::engine).count(), shape.label());
            assertEquals(1.0, rows.stream().mapToDouble(GemmResult::fractionOfBest).max().orElseThrow(), 0.0);
            for (GemmResult r : rows) {
                assertEquals(report.settings().gemmReps(), r.gflops().count());
                assertTrue(r.gflops().min() > 0 && r.gflops().min() <= r.gflops().median()
                        && r.gflops().median() <= r.gflops().max(), r.toString());
            }
        }
        assertEquals(TINY.size(), report.engineGemm().size());
        double geomean = report.engineFractionGeomean().orElseThrow();
        assertTrue(geomean > 0 && geomean <= 1, "geomean " + geomean);
        assertEquals(BlasImplementation.engineClassName(), report.engineGemm().get(0).implementation());
    }

    @Test
    void trainingMeasuresWhatTheZooBuildsAndSkipsTheRestWithAReason() {
        assertEquals(TrainingBenchmark.ARCHITECTURES,
                report.training().stream().map(ThroughputResult::architecture).toList());
        for (ThroughputResult t : report.training()) {
            if (TrainingBenchmark.modelConfig(t.architecture()).isPresent()) {
                assertEquals(ThroughputResult.Status.MEASURED, t.status(), t.note());
                assertEquals(report.settings().trainReps(), t.samplesPerSecond().count());
                assertTrue(t.samplesPerSecond().min() > 0);
            } else {
                assertEquals(ThroughputResult.Status.SKIPPED, t.status());
                assertTrue(t.note().contains("ModelZoo does not know '" + t.architecture() + "'"), t.note());
            }
        }
        // both benchmarked architectures are in the zoo
        assertEquals(ThroughputResult.Status.MEASURED, report.training().get(0).status());
        assertEquals(ModelZoo.ARCHITECTURES.contains("lenet-5"),
                report.training().get(1).status() == ThroughputResult.Status.MEASURED);
    }

    @Test
    void withoutTheReferenceThereAreNoRatiosAndTheTableSaysWhy() {
        assertEquals(PytorchResult.Status.DISABLED, report.pytorch().status());
        assertTrue(report.ratioToPytorch("lenet-300-100").isEmpty());
        StringWriter table = new StringWriter();
        BenchReportFormat.table(report, new PrintWriter(table));
        String text = table.toString();
        assertTrue(text.contains("fp32 SGEMM") && text.contains("Training throughput"), text);
        assertTrue(text.contains("engine path " + BlasImplementation.engineClassName()), text);
        assertTrue(text.contains("lenet-300-100") && text.contains("n/a"), text);
    }

    @Test
    void jsonHoldsEveryRepetition() throws Exception {
        Path file = dir.resolve("out/bench.json");
        BenchReportFormat.writeJson(report, file);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("quick", root.path("settings").path("mode").asText());
        assertEquals(report.gemm().size(), root.path("gemm").size());
        JsonNode first = root.path("gemm").get(0);
        assertEquals(report.settings().gemmReps(), first.path("gflops").path("values").size());
        assertTrue(first.path("gflops").has("median") && first.has("fraction_of_best"));
        assertEquals(2, root.path("training").size());
        assertTrue(root.path("training").get(0).path("ablate_over_pytorch").isNull());
        assertEquals("disabled", root.path("pytorch").path("status").asText());
    }

    /**
     * An interpreter for the fake reference scripts: /usr/bin/python3 behind a wrapper that answers the reference's
     * {@code import torch} probe itself, so these tests of the protocol do not need PyTorch installed.
     */
    private Path pythonWithTorchStandIn() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Path wrapper = Files.writeString(dir.resolve("python-with-fake-torch"), String.join("\n", "#!/bin/sh",
                "if [ \"$1\" = -c ]; then echo fake; exit 0; fi", "exec " + python + " \"$@\"", ""));
        assertTrue(wrapper.toFile().setExecutable(true));
        return wrapper;
    }

    @Test
    void talksToTheReferenceInServeModeAndComputesTheRatio() throws Exception {
        Path python = pythonWithTorchStandIn();
        // stands in for bench/pytorch_train.py --serve: ready line, then one reply per requested epoch
        Path script = Files.writeString(dir.resolve("fake_serve.py"), String.join("\n",
                "import json, sys",
                "print(json.dumps({'ready': True, 'torch_version': 'fake', 'threads': 1}), flush=True)",
                "for i, line in enumerate(sys.stdin):",
                "    print(json.dumps({'model': line.strip(), 'samples_per_s': 100.0 * (i + 1)}), flush=True)", ""));
        PytorchReference reference = new PytorchReference(python.toString(), script, Duration.ofSeconds(60));
        PytorchResult p;
        try (PytorchReference.Session session = reference.open(List.of("lenet-300-100"), 64, 1, 64, 0)) {
            assertTrue(session.running(), () -> session.result().message());
            for (int i = 0; i < 3; i++) {
                session.epoch("lenet-300-100");
            }
            p = session.result();
        }
        assertEquals(PytorchResult.Status.MEASURED, p.status(), p.message());
        assertEquals(200.0, p.samplesPerSecond().get("lenet-300-100").median());
        assertEquals("fake", p.torchVersion());
        ThroughputResult ours = new ThroughputResult("lenet-300-100", ThroughputResult.Status.MEASURED, "",
                new Repetitions(List.of(50.0, 100.0, 150.0)));
        BenchReport withReference = new BenchReport(report.settings(), report.environment(), report.unavailableBlas(),
                report.gemm(), List.of(ours), p);
        assertEquals(0.5, withReference.ratioToPytorch("lenet-300-100").orElseThrow(), 1e-12);
    }

    @Test
    void aReferenceThatDiesIsReportedAsFailed() throws Exception {
        Path python = pythonWithTorchStandIn();
        Path script = Files.writeString(dir.resolve("dies.py"), "import sys\nsys.exit(1)\n");
        try (PytorchReference.Session session = new PytorchReference(python.toString(), script, Duration.ofSeconds(60))
                .open(List.of("lenet-300-100"), 64, 1, 64, 0)) {
            assertEquals(PytorchResult.Status.FAILED, session.result().status());
            assertTrue(session.result().message().contains("exited early"), session.result().message());
        }
    }

    @Test
    void aMissingInterpreterIsReportedAsUnavailableWithTheInstallHint() throws Exception {
        Path script = Files.writeString(dir.resolve("pytorch_train.py"), "raise SystemExit(1)\n");
        PytorchResult p = new PytorchReference(dir.resolve("no-such-python").toString(), script, Duration.ofSeconds(5))
                .open(List.of("lenet-300-100"), 64, 1, 64, 0).result();
        assertEquals(PytorchResult.Status.UNAVAILABLE, p.status());
        assertTrue(p.message().contains("apt-get install python3-torch"), p.message());
    }

    @ParameterizedTest
    @CsvSource({"'1.0, 3.0, 2.0', 2.0", "'4.0, 1.0, 3.0, 2.0', 2.5", "'7.0', 7.0"})
    void medianIsTheMiddleValue(String values, double median) {
        List<Double> list = java.util.Arrays.stream(values.split(",")).map(String::strip).map(Double::valueOf).toList();
        assertEquals(median, new Repetitions(list).median());
    }
}
