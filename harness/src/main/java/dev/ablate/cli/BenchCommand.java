package dev.ablate.cli;

import dev.ablate.bench.BenchReport;
import dev.ablate.bench.BenchReportFormat;
import dev.ablate.bench.BenchSettings;
import dev.ablate.bench.BenchSuite;
import dev.ablate.bench.PytorchReference;
import dev.ablate.bench.QueryBenchmark;
import dev.ablate.results.query.DuckDbEngine;
import dev.ablate.results.query.ResultsEngine;
import dev.ablate.results.query.ResultsQueryException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ablate bench}: GEMM and training throughput of the engine, as ratios to baselines measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the engine on this machine, single-threaded: fp32 SGEMM GFLOPS of the BLAS it trains "
                + "with next to every other BLAS implementation available (as a fraction of the best), and training "
                + "throughput of lenet-300-100 and lenet-5 at batch 64 next to PyTorch's CPU training of the same models "
                + "(bench/pytorch_train.py, when the interpreter has torch).",
                "Each number is the median of several repetitions after warm-up, printed with min and max. Run it "
                        + "through ./ablate, which sets OPENBLAS_NUM_THREADS=1. The full run takes a few minutes."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A short run (fewer, shorter repetitions on 2,048 examples): noisier numbers.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results, every repetition included, as JSON.")
    Path json;

    @Option(names = "--python", paramLabel = "PYTHON",
            description = "Interpreter with torch for the reference (default: $ABLATE_PYTHON, else /usr/bin/python3).")
    String python;

    @Option(names = "--pytorch-script", paramLabel = "FILE",
            description = "The reference script (default: bench/pytorch_train.py of this checkout).")
    Path pytorchScript;

    @Option(names = "--no-pytorch", description = "Skip the PyTorch reference.")
    boolean noPytorch;

    @Option(names = "--inference", description = "Only the int8-vs-fp32 inference benchmark (lenet-300-100, lenet-5, "
            + "cnn-bn at batch 1 and 64) instead of GEMM and training.")
    boolean inference;

    @Option(names = "--sparse", description = "Only the sparse-vs-dense inference benchmark: fp32 CSR against dense GEMM "
            + "on lenet-300-100 and lenet-5 pruned to 50-95%%, at batch 1 and 64, and the sparsity from which CSR wins "
            + "(eval.latency's sparse_threshold).")
    boolean sparse;

    @Option(names = "--query", description = "Only the query benchmark: wall time of whole 'ablate query' processes "
            + "(a trivial and an aggregate query over the quickstart's results) with DuckDB and with Spark SQL.")
    boolean query;

    @Mixin
    ResultsOption results;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (query) {
            return benchQueries(out, err);
        }
        if (sparse) {
            err.println("ablate bench --sparse: measuring; results on stdout");
            BenchReportFormat.sparseTable(BenchSuite.sparse(quick), out);
            return 0;
        }
        if (inference) {
            err.println("ablate bench --inference: measuring; progress below, results on stdout");
            BenchReportFormat.inferenceTable(BenchSuite.inference(quick, err), out);
            return 0;
        }
        BenchSettings settings = quick ? BenchSettings.quick() : BenchSettings.full();
        if (!noPytorch) {
            Duration timeout = quick ? Duration.ofMinutes(5) : Duration.ofMinutes(20);
            settings = settings.withPytorch(new PytorchReference(python != null ? python : PytorchReference.defaultPython(),
                    pytorchScript != null ? pytorchScript : locateScript(), timeout));
        }
        err.println("ablate bench (" + settings.mode() + "): measuring; progress below, results on stdout");
        BenchReport report = BenchSuite.run(settings, err);
        BenchReportFormat.table(report, out);
        if (json != null) {
            BenchReportFormat.writeJson(report, json);
            out.println("JSON: " + json);
        }
        out.flush();
        return 0;
    }

    private int benchQueries(PrintWriter out, PrintWriter err) {
        try (ResultsEngine engine = DuckDbEngine.open(results.layout())) {
            if (!engine.views().contains("trials") || engine.query("SELECT 1 FROM trials WHERE experiment = 'quickstart'")
                    .size() == 0) {
                throw new ResultsQueryException("no quickstart results under " + results.root + " to query; run "
                        + "./ablate run experiments/quickstart.yaml first");
            }
        }
        int reps = quick ? 3 : 5;
        err.println("ablate bench --query: " + reps + " repetitions of each query per engine; results on stdout");
        QueryBenchmark.table(QueryBenchmark.run(results.root, reps, err), out);
        return 0;
    }

    /**
     * {@code bench/pytorch_train.py} in the working directory, else in the checkout the harness was built in
     * (found from the jar's or class folder's location), else the relative path, which the reference reports as
     * missing.
     */
    private static Path locateScript() {
        if (Files.isRegularFile(PytorchReference.SCRIPT)) {
            return PytorchReference.SCRIPT;
        }
        return codeLocation().flatMap(BenchCommand::searchUp).orElse(PytorchReference.SCRIPT);
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> searchUp(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(PytorchReference.SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
