package dev.ablate.cli;

import dev.ablate.results.ResultsCatalog;
import dev.ablate.run.SparkSessions;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --results}, {@code --master} and {@code --format} of the commands that query results, and the session they
 * query on.
 */
final class ResultsQuery {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[1]",
            description = "Spark master for the query (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    ResultsOption results;

    /**
     * Starts Spark, registers the results views and functions ({@link ResultsCatalog}), applies {@code query}
     * to the session, and stops Spark.
     *
     * @return what {@code query} returns: the text to print
     *
     * @throws QueryException if there are no results yet, or Spark rejects the query (bad SQL, unknown column)
     */
    String run(Function<SparkSession, String> query) {
        SparkSession spark = SparkSessions.create(master, false);
        try {
            List<String> views = ResultsCatalog.register(spark, results.layout());
            if (views.isEmpty()) {
                throw new QueryException("no results under " + results.root + " yet; run a spec first, e.g. "
                        + "./ablate run experiments/quickstart.yaml");
            }
            try {
                return query.apply(spark);
            } catch (Exception e) { // Spark throws its checked AnalysisException without declaring it
                if (e instanceof AnalysisException) {
                    String first = e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse("invalid query");
                    throw new QueryException(first + " (views: " + String.join(", ", views) + ")");
                }
                throw e;
            }
        } finally {
            spark.stop();
        }
    }
}
