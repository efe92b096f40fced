package dev.ablate.results.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows a query returned, independent of the engine: column names and kinds, and each row's values in column
 * order, normalised as {@link ColumnKind} describes (null for SQL NULL).
 *
 * @param columns the column names, in order
 * @param kinds   each column's kind, in the same order
 * @param rows    the rows; each has one value per column
 */
public record QueryResult(List<String> columns, List<ColumnKind> kinds, List<List<Object>> rows) {

    /**
     * @throws IllegalArgumentException if {@code kinds} or a row does not have one entry per column
     */
    public QueryResult {
        columns = List.copyOf(columns);
        kinds = List.copyOf(kinds);
        if (kinds.size() != columns.size()) {
            throw new IllegalArgumentException("kinds has " + kinds.size() + " entries for " + columns.size() + " columns");
        }
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // values may be null: no List.copyOf
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /**
     * The position of a column.
     *
     * @throws IllegalArgumentException if there is no such column
     */
    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + columns);
        }
        return i;
    }

    /** The value in {@code row} of column {@code name}, possibly null. */
    public Object value(int row, String name) {
        return rows.get(row).get(column(name));
    }

    /** The number in {@code row} of column {@code name} as a double; NaN when it is null. */
    public double number(int row, String name) {
        Object v = value(row, name);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    /** The value in {@code row} of column {@code name} as text; null when it is null. */
    public String text(int row, String name) {
        return Objects.toString(value(row, name), null);
    }
}
