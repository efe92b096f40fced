package dev.ablate.results.query;

import java.util.List;

/**
 * SQL over the results under one root: the views of {@link dev.ablate.results.ResultsCatalog} that have data, and the
 * seed-interval aggregates of {@link dev.ablate.results.stats.SeedFunction}. Not thread-safe: one caller at a time.
 */
public interface ResultsEngine extends AutoCloseable {

    /** The views registered, in {@link dev.ablate.results.ResultsCatalog#TABLES} order (empty when there are no results yet). */
    List<String> views();

    /**
     * Runs one SQL statement and returns all its rows.
     *
     * @throws ResultsQueryException if the SQL does not parse or names an unknown view, column or function
     */
    QueryResult query(String sql);

    /** The columns of a view (no rows), to check names and kinds before querying. */
    default QueryResult describe(String view) {
        if (!views().contains(view)) {
            throw new ResultsQueryException("no view '" + view + "' (views: " + String.join(", ", views()) + ")");
        }
        return query("SELECT * FROM " + view + " LIMIT 0");
    }

    /**
     * {@code value} as a standard SQL string literal, single quotes doubled. Both engines read it for values without a
     * quote (experiment and metric names); DuckDB for any value (file paths).
     */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Re-reads the part files under the root, so rows written since the engine opened are seen. */
    void refresh();

    /** Releases the engine (its connection or session). */
    @Override
    void close();
}
