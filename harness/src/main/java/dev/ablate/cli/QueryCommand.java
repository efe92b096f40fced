package dev.ablate.cli;

import dev.ablate.results.ResultsCatalog;
import dev.ablate.run.SparkSessions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ablate query "SQL"}: Spark SQL over the results of every experiment under the results root. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run Spark SQL over the results. Views: trials (one row per trial, all experiments), and "
                + "curves and layers once written.",
                "Example: ./ablate query \"SELECT technique, w_bits, granularity, avg(accuracy) FROM trials "
                        + "GROUP BY ALL ORDER BY ALL\""})
final class QueryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
    String sql;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[1]",
            description = "Spark master for the query (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    ResultsOption results;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        SparkSession spark = SparkSessions.create(master, false);
        try {
            List<String> views = ResultsCatalog.register(spark, results.layout());
            if (views.isEmpty()) {
                throw new QueryException("no results under " + results.root + " yet; run a spec first, e.g. "
                        + "./ablate run experiments/quickstart.yaml");
            }
            Dataset<Row> df;
            List<Row> rows;
            try {
                df = spark.sql(sql);
                rows = df.collectAsList();
            } catch (Exception e) { // Spark throws its checked AnalysisException without declaring it
                if (e instanceof AnalysisException) {
                    String first = e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse("invalid query");
                    throw new QueryException(first + " (views: " + String.join(", ", views) + ")");
                }
                throw e;
            }
            out.print(format.render(List.of(df.columns()), rows));
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
