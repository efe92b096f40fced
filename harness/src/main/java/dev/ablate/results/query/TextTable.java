package dev.ablate.results.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query's rows as aligned text for people: {@code ablate query}'s table and a notebook's plain-text display. Numbers
 * are right-aligned, reals written with four decimals, nulls as {@code null}; a last line counts the rows.
 */
public final class TextTable {

    private TextTable() {
    }

    /** All rows of {@code result}. */
    public static String of(QueryResult result) {
        return render(result.columns(), result.rows(), result.size());
    }

    /**
     * The first {@code maxRows} rows of {@code result}; the last line says how many there are in all when some are
     * left out.
     *
     * @throws IllegalArgumentException if {@code maxRows} is negative
     */
    public static String of(QueryResult result, int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative, got " + maxRows);
        }
        return render(result.columns(), result.rows().subList(0, Math.min(maxRows, result.size())), result.size());
    }

    /** {@code rows} under {@code columns}, each row one value per column. */
    public static String render(List<String> columns, List<List<Object>> rows) {
        return render(columns, rows, rows.size());
    }

    /** How a value reads in a table cell: null as {@code null}, reals with four decimals, the rest as written. */
    public static String cell(Object value) {
        return value == null ? "null" : value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue()) : value.toString();
    }

    /** The footer: the number of rows, and of those shown when fewer. */
    public static String count(int shown, int total) {
        String rows = total + " " + (total == 1 ? "row" : "rows");
        return shown == total ? rows : "first " + shown + " of " + rows + " shown";
    }

    private static String render(List<String> columns, List<List<Object>> rows, int total) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.toArray(String[]::new));
        boolean[] numeric = new boolean[columns.size()];
        for (List<Object> r : rows) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) {
                Object v = r.get(i);
                numeric[i] |= v instanceof Number;
                line[i] = cell(v);
            }
            cells.add(line);
        }
        int[] width = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            String[] line = cells.get(l);
            for (int i = 0; i < line.length; i++) {
                String pad = " ".repeat(width[i] - line[i].length());
                sb.append(i == 0 ? "" : "  ").append(numeric[i] && l > 0 ? pad + line[i] : line[i] + pad);
            }
            sb.append(System.lineSeparator());
            if (l == 0) {
                for (int i = 0; i < line.length; i++) {
                    sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                sb.append(System.lineSeparator());
            }
        }
        sb.append("(").append(count(rows.size(), total)).append(")").append(System.lineSeparator());
        return sb.toString();
    }
}
