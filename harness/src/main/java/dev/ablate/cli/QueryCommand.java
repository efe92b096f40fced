package dev.ablate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ablate query "SQL"}: SQL over the results of every experiment under the results root (DuckDB, or Spark SQL
 * with {@code --engine spark}), with the seed-interval functions of {@link dev.ablate.results.stats.SeedFunction}.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL over the results (DuckDB's dialect by default, Spark SQL with --engine spark). Views: "
                + "trials (one row per trial, all experiments), and curves, layers and latency once written.",
                "Aggregates over seeds: ci95_low(x), ci95_high(x) (Student t), ci95_boot_low(x), ci95_boot_high(x) "
                        + "(bootstrap): the 0.95 confidence interval for the mean of x, null for fewer than two values.",
                "Example: ./ablate query \"SELECT technique, w_bits, avg(accuracy), ci95_low(accuracy), "
                        + "ci95_high(accuracy) FROM trials GROUP BY ALL ORDER BY ALL\""})
final class QueryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
    String sql;

    @Mixin
    ResultsQuery results;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        out.print(results.run(engine -> results.format.render(engine.query(sql))));
        out.flush();
        return 0;
    }
}
