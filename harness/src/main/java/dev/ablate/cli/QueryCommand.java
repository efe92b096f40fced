package dev.ablate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ablate query "SQL"}: Spark SQL over the results of every experiment under the results root, with the
 * seed-interval functions of {@link dev.ablate.results.stats.SeedFunctions}.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run Spark SQL over the results. Views: trials (one row per trial, all experiments), and "
                + "curves and layers once written.",
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
        out.print(results.run(spark -> {
            Dataset<Row> df = spark.sql(sql);
            return results.format.render(List.of(df.columns()), df.collectAsList());
        }));
        out.flush();
        return 0;
    }
}
