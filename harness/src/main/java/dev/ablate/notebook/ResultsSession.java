package dev.ablate.notebook;

import dev.ablate.results.ResultsLayout;
import dev.ablate.results.query.DuckDbEngine;
import dev.ablate.results.query.QueryEngine;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.ResultsEngine;
import dev.ablate.results.query.ResultsQueryException;
import dev.ablate.results.query.SparkEngine;
import dev.ablate.run.SparkSessions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The results a notebook reads, shared by the kernel's magics and the {@link Ablate} API: a root and one engine over
 * it, opened on first use and refreshed before every read, so rows that a running sweep writes appear in the next
 * query. DuckDB unless Spark SQL is asked for; Spark then starts quietly ({@link SparkSessions}: WARN logs, which go to
 * the kernel's stderr, not into cells; no progress bar) and keeps running when the root changes. One caller at a
 * time: every method holds the session's lock.
 */
final class ResultsSession implements AutoCloseable {

    /** Environment variable naming the default results root. */
    static final String RESULTS_VARIABLE = "ABLATE_RESULTS";

    private ResultsLayout layout;
    private QueryEngine kind = QueryEngine.duckdb;
    private ResultsEngine engine; // null until first read after a switch
    private SparkSession spark; // the Spark engine's session while kind is spark

    /** A session over {@code root}, on DuckDB; nothing opens before the first read. */
    ResultsSession(Path root) {
        layout = new ResultsLayout(root.normalize());
    }

    /**
     * Where a notebook's results are unless it says otherwise: {@code $ABLATE_RESULTS} when set, else the checkout's
     * {@code results/}, else {@code results} in the working directory (as {@code --results} defaults). A root inside
     * the working directory's reach is given relative to it, so what a notebook shows (and commits) holds no absolute
     * path of the machine it ran on.
     */
    static Path defaultRoot(Map<String, String> environment, Optional<Checkout> checkout, Path workingDirectory) {
        String variable = environment.get(RESULTS_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        return checkout.map(c -> workingDirectory.toAbsolutePath().relativize(c.results().toAbsolutePath()))
                .map(p -> p.toString().isEmpty() ? Path.of(".") : p)
                .orElse(Path.of("results"));
    }

    /** The results root, as given (relative paths against the working directory). */
    synchronized Path root() {
        return layout.root();
    }

    /** The engine queries run on. */
    synchronized QueryEngine kind() {
        return kind;
    }

    /** Reads the results under another root from now on, with the same kind of engine. */
    synchronized void root(Path root) {
        ResultsLayout moved = new ResultsLayout(Objects.requireNonNull(root, "root").normalize());
        if (kind == QueryEngine.spark) {
            engine = new SparkEngine(spark, moved); // the same session: its temporary views are replaced or dropped
        } else {
            closeEngine();
        }
        layout = moved;
    }

    /**
     * Queries run on Spark SQL from now on; starts a session on {@code master} unless one runs there already.
     *
     * @return the session, for DataFrame work beside SQL
     */
    synchronized SparkSession spark(String master) {
        Objects.requireNonNull(master, "master");
        if (kind == QueryEngine.spark && spark.sparkContext().master().equals(master)) {
            return spark;
        }
        closeEngine();
        SparkSession session = SparkSessions.create(master, false);
        try {
            engine = new SparkEngine(session, layout);
        } catch (RuntimeException e) {
            session.stop();
            throw e;
        }
        spark = session;
        kind = QueryEngine.spark;
        return spark;
    }

    /** Queries run on DuckDB from now on; stops Spark if it ran. */
    synchronized void duckdb() {
        if (kind != QueryEngine.duckdb) {
            closeEngine();
            kind = QueryEngine.duckdb;
        }
    }

    /**
     * Runs one SQL statement over the results.
     *
     * @throws ResultsQueryException if there are no results yet, or the engine rejects the SQL
     */
    synchronized QueryResult query(String sql) {
        return read(e -> e.query(sql));
    }

    /**
     * Applies {@code reading} to the engine, refreshed first.
     *
     * @throws ResultsQueryException if the root holds no results yet (the message says how to get or find some)
     */
    synchronized <T> T read(Function<ResultsEngine, T> reading) {
        if (engine == null) {
            engine = DuckDbEngine.open(layout); // opening refreshes
        } else {
            engine.refresh();
        }
        if (engine.views().isEmpty()) {
            throw new ResultsQueryException("no results under " + layout.root() + " yet: run a spec (./ablate run "
                    + "experiments/quickstart.yaml), or read another root with %results DIR or Ablate.results(DIR)");
        }
        return reading.apply(engine);
    }

    /** The layout of the results root. */
    synchronized ResultsLayout layout() {
        return layout;
    }

    /** The views there are now. */
    synchronized String describe() {
        String views;
        try {
            views = read(ResultsEngine::views).toString();
        } catch (ResultsQueryException none) {
            views = "none yet";
        }
        return "results: " + layout.root() + " (engine: " + kind + (kind == QueryEngine.spark
                ? " on " + spark.sparkContext().master() : "") + "; views: " + views + ")";
    }

    /** Closes the engine (stopping Spark if it ran); the next read opens DuckDB over the same root. */
    @Override
    public synchronized void close() {
        closeEngine();
        kind = QueryEngine.duckdb;
    }

    private void closeEngine() {
        if (engine != null) {
            engine.close(); // a Spark engine stops its session
        }
        engine = null;
        spark = null;
    }
}
