package dev.ablate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.nn.Blas;
import dev.ablate.metrics.latency.LatencySample;
import dev.ablate.metrics.latency.SparseCrossover;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Renders a {@link BenchReport}: a readable table for the terminal and a JSON document for {@code --json}. The JSON
 * holds every repetition's value, so medians can be recomputed and runs compared later.
 */
public final class BenchReportFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReportFormat() {
    }

    /** Writes the table. */
    public static void table(BenchReport report, PrintWriter out) {
        BenchEnvironment env = report.environment();
        BenchSettings s = report.settings();
        out.printf("ablate bench (%s): %s, %d cores, %s%s%n", s.mode(), env.cpu(), env.cores(), env.java(),
                env.gitCommit().isEmpty() ? "" : ", commit " + env.gitCommit());
        out.printf("engine BLAS: %s; OPENBLAS_NUM_THREADS=%s%s%n", env.engineBlas(), env.openblasThreads(),
                env.singleThreaded() ? " (single-threaded)"
                        : " -- WARNING: native BLAS may use several threads; run through ./ablate, which sets it to 1");
        Blas.fasterHint().ifPresent(h -> out.println("hint: " + h));
        if (!env.engineBlasWarning().isEmpty()) {
            out.println("warning: " + env.engineBlasWarning());
        }
        report.unavailableBlas().forEach((name, why) -> out.printf("not available here: %s (%s)%n", name, why));

        out.printf("%nfp32 SGEMM, GFLOPS, %d repetitions of %d ms each after %d ms warm-up, interleaved; "
                        + "'of best' = median / best median at that shape; * = the engine's path%n",
                s.gemmReps(), s.gemmRepTime().toMillis(), s.gemmWarmup().toMillis());
        out.printf("%-20s %-22s %-12s %8s %8s %8s %8s%n", "shape", "dims", "blas", "median", "min", "max", "of best");
        String lastShape = null;
        for (GemmResult r : report.gemm()) {
            boolean first = !r.shape().label().equals(lastShape);
            lastShape = r.shape().label();
            Repetitions g = r.gflops();
            out.printf(Locale.ROOT, "%-20s %-22s %-12s %8.2f %8.2f %8.2f %8.3f%n", first ? r.shape().label() : "",
                    first ? r.shape().dimensions() : "", r.implementation() + (r.engine() ? " *" : ""), g.median(),
                    g.min(), g.max(), r.fractionOfBest());
        }
        OptionalDouble geomean = report.engineFractionGeomean();
        if (geomean.isPresent()) {
            double worst = report.engineGemm().stream().mapToDouble(GemmResult::fractionOfBest).min().orElseThrow();
            out.printf(Locale.ROOT, "engine path %s as a fraction of the best: geometric mean %.3f, worst shape %.3f%n",
                    BlasImplementation.engineClassName(), geomean.getAsDouble(), worst);
        }

        out.printf("%nTraining throughput, samples/s, batch %d, %d thread, SGD momentum %.1f lr %.2f; %d one-epoch "
                        + "repetitions of %d %s examples after %d warm-up epoch(s)%n", s.batch(), BenchSettings.THREADS,
                TrainingBenchmark.MOMENTUM, TrainingBenchmark.LR, s.trainReps(), s.trainExamples(),
                "fashion-mnist-mini", s.warmupEpochs());
        out.printf("%-15s %-30s %-30s %s%n", "model", "ablate median [min, max]", "pytorch median [min, max]",
                "ablate/pytorch");
        for (ThroughputResult t : report.training()) {
            Repetitions ref = report.pytorch().samplesPerSecond().get(t.architecture());
            OptionalDouble ratio = report.ratioToPytorch(t.architecture());
            out.printf(Locale.ROOT, "%-15s %-30s %-30s %s%n", t.architecture(),
                    t.samplesPerSecond() == null ? t.status().name().toLowerCase(Locale.ROOT) : spread(t.samplesPerSecond()),
                    ref == null ? report.pytorch().status().name().toLowerCase(Locale.ROOT) : spread(ref),
                    ratio.isPresent() ? String.format(Locale.ROOT, "%.3f", ratio.getAsDouble()) : "n/a");
            if (!t.note().isEmpty()) {
                out.printf("  %s: %s%n", t.architecture(), t.note());
            }
        }
        out.println("pytorch: " + report.pytorch().message()
                + (report.pytorch().threads() > 0 ? " (" + report.pytorch().threads() + " thread)" : ""));
        out.flush();
    }

    /** Writes the int8-vs-fp32 inference table: examples/s medians with spread, the speedup and packed sizes. */
    public static void inferenceTable(List<InferenceResult> results, PrintWriter out) {
        out.printf("%nInference throughput, examples/s, %d thread, fp32 Network.logits vs int8 IntegerNetwork.logits "
                + "(interleaved repetitions after warm-up); speedup = int8 median / fp32 median%n", BenchSettings.THREADS);
        out.printf("%-15s %5s %-26s %-26s %7s %10s %10s %6s%n", "model", "batch", "fp32 median [min, max]",
                "int8 median [min, max]", "speedup", "fp32 bytes", "int8 bytes", "ratio");
        for (InferenceResult r : results) {
            out.printf(Locale.ROOT, "%-15s %5d %-26s %-26s %7.2f %10d %10d %6.2f%n", r.architecture(), r.batch(),
                    spread(r.fp32()), spread(r.int8()), r.speedup(), r.fp32Bytes(), r.int8Bytes(),
                    (double) r.fp32Bytes() / r.int8Bytes());
        }
        out.flush();
    }

    /**
     * Writes the sparse-vs-dense table: milliseconds per call (median [min, max]) of fp32 dense GEMM and fp32 CSR per
     * architecture, sparsity and batch, their ratio, and the crossover sparsity from which CSR wins everywhere.
     */
    public static void sparseTable(List<SparseCrossover.Point> points, PrintWriter out) {
        out.printf("%nInference latency, ms per call, 1 thread, fp32 dense (BLAS) vs fp32 CSR of the same magnitude-pruned "
                + "network; speedup = dense median / CSR median%n");
        out.printf("%-15s %8s %5s %-26s %-26s %7s%n", "model", "sparsity", "batch", "dense median [min, max]",
                "csr median [min, max]", "speedup");
        for (SparseCrossover.Point p : points) {
            out.printf(Locale.ROOT, "%-15s %8.2f %5d %-26s %-26s %7.2f%n", p.arch(), p.sparsity(), p.batch(),
                    spread(p.dense()), spread(p.csr()), p.speedup());
        }
        SparseCrossover.crossover(points).ifPresentOrElse(
                s -> out.printf(Locale.ROOT, "CSR wins at every point from sparsity %.2f%n", s),
                () -> out.println("CSR does not win at every point of the highest sparsity measured"));
        out.flush();
    }

    private static String spread(LatencySample s) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.medianMs(), s.minMs(), s.maxMs());
    }

    private static String spread(Repetitions r) {
        return String.format(Locale.ROOT, "%.0f [%.0f, %.0f]", r.median(), r.min(), r.max());
    }

    /** The report as a JSON tree: settings, environment, and every repetition with its min, median and max. */
    public static ObjectNode json(BenchReport report) {
        ObjectNode root = JSON.createObjectNode();
        BenchSettings s = report.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("mode", s.mode());
        settings.put("gemm_warmup_ms", s.gemmWarmup().toMillis());
        settings.put("gemm_rep_ms", s.gemmRepTime().toMillis());
        settings.put("gemm_reps", s.gemmReps());
        settings.put("batch", s.batch());
        settings.put("threads", BenchSettings.THREADS);
        settings.put("train_examples", s.trainExamples());
        settings.put("warmup_epochs", s.warmupEpochs());
        settings.put("train_reps", s.trainReps());
        settings.put("lr", TrainingBenchmark.LR);
        settings.put("momentum", TrainingBenchmark.MOMENTUM);

        BenchEnvironment env = report.environment();
        ObjectNode e = root.putObject("environment");
        e.put("cpu", env.cpu());
        e.put("cores", env.cores());
        e.put("java", env.java());
        e.put("git_commit", env.gitCommit());
        e.put("engine_blas", env.engineBlas());
        e.put("engine_blas_warning", env.engineBlasWarning());
        e.put("openblas_num_threads", env.openblasThreads());
        ObjectNode unavailable = e.putObject("unavailable_blas");
        report.unavailableBlas().forEach(unavailable::put);

        ArrayNode gemm = root.putArray("gemm");
        for (GemmResult r : report.gemm()) {
            ObjectNode row = gemm.addObject();
            row.put("shape", r.shape().label());
            row.put("trans_a", r.shape().transA());
            row.put("trans_b", r.shape().transB());
            row.put("m", r.shape().m());
            row.put("n", r.shape().n());
            row.put("k", r.shape().k());
            row.put("blas", r.implementation());
            row.put("engine", r.engine());
            repetitions(row.putObject("gflops"), r.gflops());
            row.put("fraction_of_best", r.fractionOfBest());
        }
        report.engineFractionGeomean().ifPresent(g -> root.put("engine_gemm_fraction_geomean", g));

        ArrayNode training = root.putArray("training");
        for (ThroughputResult t : report.training()) {
            ObjectNode row = training.addObject();
            row.put("model", t.architecture());
            row.put("status", t.status().name().toLowerCase(Locale.ROOT));
            row.put("note", t.note());
            if (t.samplesPerSecond() != null) {
                repetitions(row.putObject("samples_per_s"), t.samplesPerSecond());
            }
            Repetitions ref = report.pytorch().samplesPerSecond().get(t.architecture());
            if (ref != null) {
                repetitions(row.putObject("pytorch_samples_per_s"), ref);
            }
            OptionalDouble ratio = report.ratioToPytorch(t.architecture());
            if (ratio.isPresent()) {
                row.put("ablate_over_pytorch", ratio.getAsDouble());
            } else {
                row.putNull("ablate_over_pytorch");
            }
        }
        PytorchResult p = report.pytorch();
        ObjectNode pytorch = root.putObject("pytorch");
        pytorch.put("status", p.status().name().toLowerCase(Locale.ROOT));
        pytorch.put("message", p.message());
        pytorch.put("torch_version", p.torchVersion());
        pytorch.put("threads", p.threads());
        ObjectNode rates = pytorch.putObject("samples_per_s");
        for (Map.Entry<String, Repetitions> entry : p.samplesPerSecond().entrySet()) {
            repetitions(rates.putObject(entry.getKey()), entry.getValue());
        }
        return root;
    }

    /**
     * Writes {@link #json} to a file, creating its parent folders.
     *
     * @throws IOException if the file cannot be written
     */
    public static void writeJson(BenchReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), json(report));
    }

    private static void repetitions(ObjectNode node, Repetitions r) {
        node.put("min", r.min());
        node.put("median", r.median());
        node.put("max", r.max());
        ArrayNode values = node.putArray("values");
        r.values().forEach(values::add);
    }
}
