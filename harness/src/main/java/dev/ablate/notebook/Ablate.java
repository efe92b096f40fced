package dev.ablate.notebook;

import dev.ablate.results.chart.Chart;
import dev.ablate.results.pareto.ParetoFront.Direction;
import dev.ablate.results.pareto.ParetoQuery;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.ResultsQueryException;
import dev.ablate.results.report.Report;
import dev.ablate.results.report.ReportBuilder;
import dev.ablate.results.report.ReportCharts;
import dev.ablate.run.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * What a notebook cell calls to read results: SQL, the report, Pareto fronts and the report's charts, each a value
 * that the Ablate kernel displays (a {@link QueryResult} as an HTML table, a {@link Chart} as SVG with a PNG
 * fallback, a {@link Report} as its page). The kernel imports this class into every notebook, so a cell says
 * {@code Ablate.sql("SELECT …")}.
 *
 * <p>All methods read one results root (by default {@code $ABLATE_RESULTS}, else the checkout's {@code results/}), the
 * same one the kernel's {@code %sql} and {@code %results} magics use, through one engine — DuckDB unless
 * {@link #spark()} switched to Spark SQL — that re-reads the part files before every call, so rows a running sweep
 * writes show up. Outside a kernel (plain JShell, a test) the methods work the same; only {@link #display} needs a
 * kernel.
 *
 * <p>Errors a user can fix throw {@link ResultsQueryException} with a one-line message: SQL that does not parse or
 * names something unknown, an unknown experiment, no results under the root yet.
 */
public final class Ablate {

    private static ResultsSession session;

    private Ablate() {
    }

    /** The session every call reads; opened on first use at the default root. */
    static synchronized ResultsSession session() {
        if (session == null) {
            session = new ResultsSession(ResultsSession.defaultRoot(System.getenv(), Checkout.running(),
                    Path.of("")));
        }
        return session;
    }

    /** Closes the session (DuckDB, Spark) and forgets it: the next call starts over at the default root. */
    static synchronized void reset() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    /**
     * Runs one SQL statement over the results: views {@code trials}, {@code curves}, {@code layers}, {@code latency}
     * (those with data), and the seed aggregates {@code ci95_low(x)}, {@code ci95_high(x)},
     * {@code ci95_boot_low(x)}, {@code ci95_boot_high(x)}. DuckDB's dialect, or Spark SQL's after {@link #spark()}.
     *
     * @throws ResultsQueryException if the SQL is rejected or there are no results yet
     */
    public static QueryResult sql(String sql) {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be blank, got '" + sql + "'");
        }
        return session().query(sql);
    }

    /** The results root read now, as given (a relative root is relative to the kernel's working directory). */
    public static Path results() {
        return session().root();
    }

    /**
     * Reads the results under {@code root} from now on (same engine).
     *
     * @return {@code root}, normalized
     */
    public static Path results(Path root) {
        ResultsSession s = session();
        s.root(root);
        return s.root();
    }

    /**
     * The report of {@code experiment}, as {@code ablate report} writes it; displays as the page.
     *
     * @throws ResultsQueryException if the results hold no trials of {@code experiment}
     */
    public static Report report(String experiment) {
        Objects.requireNonNull(experiment, "experiment");
        ResultsSession s = session();
        return s.read(engine -> ReportBuilder.build(engine, s.layout(), experiment));
    }

    /**
     * The Pareto front of {@code experiment}'s ok trials, one point per sweep point (x and y averaged over seeds), as
     * {@code ablate pareto --mean-over-seeds}: columns technique, sweep_point, seeds, x, y and {@code on_front};
     * front first, in order of x. Smaller x and larger y are better (e.g. {@code model_bytes} and {@code accuracy}).
     *
     * @param x a numeric column of the trials table, minimized
     * @param y a numeric column of the trials table, maximized
     * @throws ResultsQueryException if a column is unknown or not numeric, or the experiment has no trials
     */
    public static QueryResult pareto(String experiment, String x, String y) {
        return pareto(new ParetoQuery(Objects.requireNonNull(experiment, "experiment"), Objects.requireNonNull(x, "x"),
                Direction.MINIMIZE, Objects.requireNonNull(y, "y"), Direction.MAXIMIZE, null,
                List.of("technique", "sweep_point"), true, false));
    }

    /**
     * Any Pareto query (directions, a filter, labels, per trial or over seeds, front only).
     *
     * @throws ResultsQueryException as {@link ParetoQuery#run}
     */
    public static QueryResult pareto(ParetoQuery query) {
        Objects.requireNonNull(query, "query");
        return session().read(query::run);
    }

    /**
     * The charts the report of {@code experiment} shows, in its order; their ids are the constants of
     * {@link ReportCharts}. Display several in one cell with {@link #display}.
     *
     * @throws ResultsQueryException if the results hold no trials of {@code experiment}
     */
    public static List<Chart> charts(String experiment) {
        Objects.requireNonNull(experiment, "experiment");
        ResultsSession s = session();
        return s.read(engine -> ReportBuilder.charts(engine, s.layout(), experiment));
    }

    /**
     * One chart of the report of {@code experiment}, by id (a constant of {@link ReportCharts}, e.g.
     * {@code "pareto-size"}).
     *
     * @throws ResultsQueryException if the experiment is unknown or its data does not support that chart (the message
     *                               lists the charts it has)
     */
    public static Chart chart(String experiment, String id) {
        Objects.requireNonNull(id, "id");
        List<Chart> charts = charts(experiment);
        Optional<Chart> chart = charts.stream().filter(c -> c.id().equals(id)).findFirst();
        return chart.orElseThrow(() -> new ResultsQueryException("experiment '" + experiment + "' has no chart '" + id
                + "' (its charts: " + String.join(", ", charts.stream().map(Chart::id).toList()) + ")"));
    }

    /**
     * Mean accuracy against weight bits with 95% bands over seeds, one line per combination of the other swept
     * settings: the report's {@value ReportCharts#ACCURACY_VS_BITS} chart.
     *
     * @throws ResultsQueryException as {@link #chart}, e.g. when the experiment does not sweep bits
     */
    public static Chart accuracyVsBits(String experiment) {
        return chart(experiment, ReportCharts.ACCURACY_VS_BITS);
    }

    /**
     * Mean accuracy against sparsity with 95% bands over seeds: the report's
     * {@value ReportCharts#ACCURACY_VS_SPARSITY} chart.
     *
     * @throws ResultsQueryException as {@link #chart}, e.g. when the experiment does not sweep sparsity
     */
    public static Chart accuracyVsSparsity(String experiment) {
        return chart(experiment, ReportCharts.ACCURACY_VS_SPARSITY);
    }

    /**
     * Switches queries to Spark SQL (embedded {@code local[*]}, quiet logs) and returns its session, for DataFrames
     * beside SQL; the same session on later calls. For results on a cluster file system.
     */
    public static SparkSession spark() {
        return session().spark(SparkSessions.DEFAULT_MASTER);
    }

    /** Switches queries back to DuckDB, stopping Spark if it ran. */
    public static void duckdb() {
        session().duckdb();
    }

    /**
     * Shows {@code value} now, as the last expression of a cell would be shown: for several tables or charts from one
     * cell.
     *
     * @throws IllegalStateException if no notebook kernel runs in this JVM
     */
    public static void display(Object value) {
        Objects.requireNonNull(value, "value");
        BaseKernel kernel = AblateKernel.running().orElseThrow(
                () -> new IllegalStateException("Ablate.display needs a notebook kernel; none runs in this JVM"));
        kernel.display(kernel.getRenderer().render(value));
    }
}
