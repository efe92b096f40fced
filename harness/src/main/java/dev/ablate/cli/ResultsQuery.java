package dev.ablate.cli;

import dev.ablate.results.query.DuckDbEngine;
import dev.ablate.results.query.QueryEngine;
import dev.ablate.results.query.ResultsEngine;
import dev.ablate.results.query.ResultsQueryException;
import dev.ablate.results.query.SparkEngine;
import dev.ablate.run.SparkSessions;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --results}, {@code --engine}, {@code --master} and {@code --format} of the commands that query results, and
 * the engine they query with.
 */
final class ResultsQuery {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "duckdb",
            description = "Query engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; spark for results on a "
                    + "cluster file system).")
    QueryEngine engine;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[1]",
            description = "Spark master of --engine spark (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    ResultsOption results;

    /** Opens the chosen engine over {@code --results}. */
    ResultsEngine open() {
        return switch (engine) {
            case duckdb -> DuckDbEngine.open(results.layout());
            case spark -> new SparkEngine(SparkSessions.create(master, false), results.layout());
        };
    }

    /**
     * Opens the engine, applies {@code query} to it, and closes it.
     *
     * @return what {@code query} returns: the text to print
     * @throws ResultsQueryException if there are no results yet, or the engine rejects the query
     */
    String run(Function<ResultsEngine, String> query) {
        try (ResultsEngine e = open()) {
            if (e.views().isEmpty()) {
                throw new ResultsQueryException("no results under " + results.root + " yet; run a spec first, e.g. "
                        + "./ablate run experiments/quickstart.yaml");
            }
            return query.apply(e);
        }
    }
}
