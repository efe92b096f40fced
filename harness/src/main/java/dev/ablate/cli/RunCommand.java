package dev.ablate.cli;

import dev.ablate.nn.Blas;
import dev.ablate.results.SpecArchive;
import dev.ablate.results.TrialsTable;
import dev.ablate.run.Provenance;
import dev.ablate.run.SparkExecutor;
import dev.ablate.run.StagePipeline;
import dev.ablate.run.SweepRunner;
import dev.ablate.run.SweepSummary;
import dev.ablate.spec.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ablate run SPEC}: plans the sweep and runs every trial not in the results yet. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment spec: every trial not yet in the results runs on Spark, and each finished "
                + "trial is written as a row of <results>/<experiment>/trials/.",
                "Re-running a spec skips trials already recorded; --retry-failed runs failed ones again."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    SpecArguments specArguments;

    @Mixin
    ResultsOption results;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--retry-failed", description = "Run failed and diverged trials again, replacing their rows.")
    boolean retryFailed;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        Plan plan = specArguments.plan();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        ProgressBar progress = new ProgressBar(command.commandLine().getErr(), quiet);
        Blas.warning().ifPresent(w -> command.commandLine().getErr().println("warning: " + w));
        SweepSummary summary;
        SpecArchive.save(results.layout(), plan.spec());
        SparkSession spark = sparkOptions.start();
        try (SparkExecutor executor = new SparkExecutor(spark, new StagePipeline())) {
            SweepRunner runner = new SweepRunner(executor, results.layout(),
                    SweepRunner.Options.DEFAULT.withRetryFailed(retryFailed), progress);
            summary = runner.run(plan, Provenance.current(runId));
        } finally {
            spark.stop();
        }
        out.printf("%s: %d trials planned, %d already in the results, %d ran: %d ok, %d failed, %d diverged (%.1f s).%n",
                plan.spec().experiment(), summary.planned(), summary.alreadyDone(), summary.ran(), summary.ok(),
                summary.failed(), summary.diverged(), summary.wall().toMillis() / 1000.0);
        if (summary.alreadyDone() > 0 && !retryFailed) {
            out.println("Trials already in the results were skipped; use --retry-failed to run failed ones again.");
        }
        out.printf("Results: %s%nQuery them: ./ablate query \"SELECT technique, w_bits, granularity, sparsity_target, "
                        + "finetune_epochs, avg(accuracy), avg(accuracy_drop) FROM trials WHERE experiment = '%s' GROUP BY ALL ORDER BY ALL\"%n",
                results.layout().table(plan.spec().experiment(), TrialsTable.SCHEMA), plan.spec().experiment());
        out.printf("Report: ./ablate report %s%s%n", plan.spec().experiment(),
                results.root.equals(Path.of("results")) ? "" : " --results " + results.root);
        out.flush();
        return 0;
    }
}
