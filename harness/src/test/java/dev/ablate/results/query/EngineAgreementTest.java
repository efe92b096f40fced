package dev.ablate.results.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.ResultsLayout;
import dev.ablate.run.SparkSessions;
import dev.ablate.testing.QuickstartFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DuckDB and Spark SQL return the same rows for every example query of README.md and notebooks/README.md (taken from
 * the files themselves), over the quickstart's results. Rows are compared as multisets: an ORDER BY with ties (or a
 * LIMIT without one) leaves the order to the engine.
 */
class EngineAgreementTest {

    /** {@code ./ablate query "SQL"} in a Markdown file; the SQL may span lines. */
    private static final Pattern EXAMPLE = Pattern.compile("\\./ablate query \"([^\"]+)\"");

    private static DuckDbEngine duckdb;
    private static SparkEngine spark;

    @BeforeAll
    static void open() {
        ResultsLayout layout = new ResultsLayout(QuickstartFixture.results());
        duckdb = DuckDbEngine.open(layout);
        spark = new SparkEngine(SparkSessions.create("local[1]", false), layout);
    }

    @AfterAll
    static void close() {
        duckdb.close();
        spark.close();
    }

    static Stream<String> examples() throws IOException {
        List<String> queries = new ArrayList<>();
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "notebooks", "README.md"))) {
            Matcher m = EXAMPLE.matcher(Files.readString(doc));
            while (m.find()) {
                queries.add(m.group(1).replaceAll("\\s+", " ").strip());
            }
        }
        return queries.stream();
    }

    /** The {@code ./ablate query} of every spec's header comment under {@code experiments/}. */
    static Stream<String> specHeaderQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> specs = Files.walk(Path.of("..", "experiments"))) {
            for (Path spec : specs.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String comments = Files.readAllLines(spec).stream().filter(l -> l.startsWith("#"))
                        .map(l -> l.substring(1)).collect(Collectors.joining("\n"));
                Matcher m = EXAMPLE.matcher(comments);
                while (m.find()) {
                    queries.add(m.group(1).replaceAll("\\s+", " ").strip());
                }
            }
        }
        return queries.stream();
    }

    @Test
    void theSpecsHaveQueries() throws IOException {
        assertTrue(specHeaderQueries().count() >= 10, specHeaderQueries().toList().toString());
    }

    /**
     * A spec's header query runs on both engines with the same columns (the quickstart's results hold none of
     * those experiments' rows, so the rows themselves are compared by {@link #bothEnginesReturnTheSameRows}).
     */
    @ParameterizedTest
    @MethodSource("specHeaderQueries")
    void specHeaderQueriesRunOnBothEngines(String sql) {
        assertEquals(spark.query(sql).columns(), duckdb.query(sql).columns(), sql);
    }

    @Test
    void jsonPathsOfTheConfigReadTheSameOnBothEngines() {
        String sql = "SELECT trial_id, get_json_object(config, '$.compress.quantize.weights.bits') AS bits, "
                + "get_json_object(config, '$.compress.quantize.weights') AS weights, "
                + "get_json_object(config, '$.compress.prune.sparsity') AS sparsity, "
                + "get_json_object(config, '$.no.such.key') AS missing FROM trials";
        List<List<Object>> d = sorted(duckdb.query(sql));
        List<List<Object>> s = sorted(spark.query(sql));
        assertEquals(s.stream().map(r -> r.subList(0, 2)).toList(), d.stream().map(r -> r.subList(0, 2)).toList());
        assertEquals(s.stream().map(r -> r.get(3)).toList(), d.stream().map(r -> r.get(3)).toList());
        assertTrue(d.stream().allMatch(r -> r.get(4) == null));
        assertTrue(d.stream().anyMatch(r -> r.get(1) != null) && d.stream().anyMatch(r -> r.get(3) != null));
    }

    @Test
    void theDocumentsHaveExamples() throws IOException {
        assertTrue(examples().count() >= 6, examples().toList().toString());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void bothEnginesReturnTheSameRows(String sql) {
        QueryResult d = duckdb.query(sql);
        QueryResult s = spark.query(sql);
        assertEquals(s.columns().size(), d.columns().size(), sql);
        assertEquals(s.size(), d.size(), sql);
        if (sql.contains(" LIMIT ")) {
            return; // which rows a LIMIT without ORDER BY keeps is up to the engine
        }
        assertFalse(d.size() == 0 && !sql.contains("<> 'ok'"), "the example returns rows: " + sql);
        List<List<Object>> dRows = sorted(d);
        List<List<Object>> sRows = sorted(s);
        for (int r = 0; r < d.size(); r++) {
            for (int c = 0; c < d.columns().size(); c++) {
                Object dv = dRows.get(r).get(c);
                Object sv = sRows.get(r).get(c);
                String where = sql + " row " + r + " column " + d.columns().get(c);
                if (dv instanceof Number dn && sv instanceof Number sn && (dv instanceof Double || sv instanceof Double)) {
                    double a = dn.doubleValue();
                    double b = sn.doubleValue();
                    // sums in another order: equal to a few ulps
                    assertTrue(a == b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)), where
                            + ": duckdb " + a + ", spark " + b);
                } else {
                    assertEquals(sv, dv, where);
                }
            }
        }
    }

    /** The rows in a canonical order: by their values as text, reals to 9 significant digits. */
    private static List<List<Object>> sorted(QueryResult result) {
        return result.rows().stream().sorted(Comparator.comparing(row -> row.stream()
                .map(v -> v instanceof Double x ? String.format(Locale.ROOT, "%.8e", x) : String.valueOf(v))
                .collect(Collectors.joining("\u0000")))).toList();
    }
}
