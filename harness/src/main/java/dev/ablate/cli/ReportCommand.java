package dev.ablate.cli;

import dev.ablate.results.AtomicText;
import dev.ablate.results.query.DuckDbEngine;
import dev.ablate.results.query.ResultsEngine;
import dev.ablate.results.report.Report;
import dev.ablate.results.report.ReportBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ablate report EXPERIMENT}: one self-contained HTML file with the experiment's summary, trade-off table,
 * charts, Pareto front, layers and failures ({@link ReportBuilder}), written atomically.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML report of an experiment: summary and provenance, the trade-off "
                + "table (mean and 95%% interval over seeds), every chart the results support (accuracy vs bits and vs "
                + "sparsity, Pareto scatters of accuracy vs size, energy and latency, per-layer heat map, training "
                + "curves), the Pareto front, layers and failed trials. Inline SVG and CSS: it opens offline and can be "
                + "mailed.",
                "Example: ./ablate report quickstart -o quickstart.html"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment (its name in the trials table).")
    String experiment;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the report (default: RESULTS/EXPERIMENT/report.html).")
    Path output;

    @Mixin
    ResultsOption results;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Report report;
        try (ResultsEngine engine = DuckDbEngine.open(results.layout())) {
            report = ReportBuilder.build(engine, results.layout(), experiment);
        }
        Path file = output != null ? output : results.root.resolve(experiment).resolve("report.html");
        try {
            AtomicText.write(file, report.html()); // a reader never sees half a report
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(), "cannot write the report to " + file + ": " + e, e);
        }
        PrintWriter out = command.commandLine().getOut();
        out.printf("Report: %s (%d charts, %,d bytes)%n", file, report.charts().size(),
                report.html().getBytes(StandardCharsets.UTF_8).length);
        out.flush();
        return 0;
    }
}
