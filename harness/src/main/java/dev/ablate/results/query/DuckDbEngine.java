package dev.ablate.results.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.stats.SeedFunction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBFunctions;

/**
 * The default {@link ResultsEngine}: an in-memory DuckDB database whose views read the part files with DuckDB's own
 * Parquet reader ({@code read_parquet(…, union_by_name = true)}: columns by name, so older part files with fewer
 * columns read as null there). It starts in well under a second, where a Spark session takes seconds.
 *
 * <p>The seed aggregates are SQL macros over Java functions: {@code ci95_low(x)} is
 * {@code ablate_ci95_low_of(string_agg(CAST(x AS DOUBLE)::VARCHAR, ','))}, and the Java function parses the values
 * (DuckDB prints a double in the shortest form that reads back to the same double) and applies
 * {@link SeedFunction#apply}, so both engines compute the intervals with the same code. Spark's
 * {@code get_json_object(json, path)} is a macro over DuckDB's {@code json_extract_string}, so queries that read
 * the {@code config} column run on both engines. DuckDB never installs or
 * downloads an extension here: queries make no network request. Nulls sort as in Spark SQL (first ascending, last
 * descending), so both engines return the same rows in the same order.
 */
public final class DuckDbEngine extends PartFileViews {

    /** Native memory DuckDB may use (its default is 80% of the machine's). */
    static final String MEMORY_LIMIT = "2GB";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    private DuckDbEngine(ResultsLayout layout, Connection connection) {
        super(layout);
        this.connection = connection;
    }

    /**
     * Opens an in-memory database with a view per table under {@code layout} that has data, and the seed aggregates.
     *
     * @throws ResultsQueryException if DuckDB cannot start here (its native library does not load on this platform):
     *                               the message suggests {@code --engine spark}
     */
    public static DuckDbEngine open(ResultsLayout layout) {
        Properties settings = new Properties();
        settings.setProperty("memory_limit", MEMORY_LIMIT);
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("TimeZone", "UTC");
        settings.setProperty("errors_as_json", "true"); // a position to locate SQL errors with
        settings.setProperty("default_null_order", "nulls_first_on_asc_last_on_desc"); // as Spark orders nulls
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:", settings);
        } catch (SQLException | LinkageError e) { // LinkageError: no native library for this platform
            throw new ResultsQueryException("DuckDB cannot start on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (" + e + "); query with --engine spark instead");
        }
        DuckDbEngine engine = new DuckDbEngine(layout, connection);
        try {
            engine.registerSeedFunctions();
            engine.refresh();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private void registerSeedFunctions() {
        try {
            for (SeedFunction f : SeedFunction.values()) {
                String java = "ablate_" + f.sqlName() + "_of";
                DuckDBFunctions.scalarFunction().withName(java).withParameter(String.class).withReturnType(Double.class)
                        .withFunction((String values) -> values == null ? null : f.apply(parseValues(values)))
                        .register(connection);
                execute("CREATE MACRO " + f.sqlName() + "(x) AS " + java + "(string_agg(CAST(x AS DOUBLE)::VARCHAR, ','))");
            }
            // Spark's name for reading a JSON path as text, which the specs' header queries use on `config`
            execute("CREATE MACRO get_json_object(json, path) AS json_extract_string(json, path)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register the seed functions in DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * The values {@code string_agg} joined, as DuckDB prints doubles ({@code nan}, {@code inf}, {@code -inf}); anything
     * else that does not parse ({@code nan}, {@code -nan}) reads as NaN, so the function never throws into DuckDB.
     */
    static double[] parseValues(String joined) {
        return Arrays.stream(joined.split(",")).mapToDouble(s -> switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) { // nan, -nan
                    yield Double.NaN;
                }
            }
        }).toArray();
    }

    @Override
    void createView(String table, List<Path> files) {
        execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM read_parquet(" + files.stream()
                .map(p -> ResultsEngine.literal(p.toString())).collect(Collectors.joining(", ", "[", "]")) + ", union_by_name = true)");
    }

    @Override
    void dropView(String table) {
        execute("DROP VIEW IF EXISTS " + table);
    }

    @Override
    public QueryResult query(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            List<ColumnKind> kinds = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                columns.add(meta.getColumnLabel(i));
                kinds.add(kind(meta.getColumnType(i), meta.getColumnTypeName(i)));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(ResultValues.normalize(rs.getObject(i)));
                }
                rows.add(row);
            }
            return new QueryResult(columns, kinds, rows);
        } catch (SQLException e) {
            throw new ResultsQueryException(message(e, sql) + " (views: " + String.join(", ", views()) + ")");
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }

    /** Runs a statement of ours (views, macros): a failure is a fault of the results or of DuckDB, not of a query. */
    private void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB cannot run " + sql.substring(0, Math.min(sql.length(), 200))
                    + " over the results under " + layout.root() + ": " + message(e, null), e);
        }
    }

    private static ColumnKind kind(int jdbcType, String typeName) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> ColumnKind.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ColumnKind.INTEGER;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> ColumnKind.REAL;
            case Types.DECIMAL -> ColumnKind.DECIMAL;
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> ColumnKind.STRING;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnKind.TIMESTAMP;
            default -> typeName.matches("U?(HUGEINT|BIGINT|INTEGER|SMALLINT|TINYINT)") ? ColumnKind.INTEGER
                    : ColumnKind.OTHER;
        };
    }

    /**
     * One line from a DuckDB error: its kind and message and, for {@code sql}, the line and column it points at
     * (DuckDB's {@code errors_as_json} gives a character position).
     */
    static String message(SQLException e, String sql) {
        String raw = String.valueOf(e.getMessage());
        int brace = raw.indexOf('{');
        JsonNode json = null;
        if (brace >= 0) {
            try {
                json = JSON.readTree(raw.substring(brace));
            } catch (JsonProcessingException notJson) {
                json = null;
            }
        }
        if (json == null || !json.hasNonNull("exception_message")) {
            return oneLine(raw);
        }
        String type = json.path("exception_type").asText("");
        String text = (type.isEmpty() ? "" : type + " error: ") + oneLine(json.get("exception_message").asText());
        if (sql != null && json.hasNonNull("position")) {
            int position = Math.min(json.get("position").asInt(), sql.length());
            String before = sql.substring(0, position);
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = position - before.lastIndexOf('\n');
            text = "line " + line + ", column " + column + ": " + text;
        }
        return text;
    }

    private static String oneLine(String s) {
        String line = Arrays.stream(s.split("\\R")).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining(" "));
        return line.isEmpty() ? "invalid query" : line;
    }
}
