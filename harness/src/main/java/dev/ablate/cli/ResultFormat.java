package dev.ablate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.results.query.QueryResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code ablate query} prints a result: an aligned table, CSV (RFC 4180) or JSON lines. */
enum ResultFormat {
    /** Aligned columns for people; numbers right-aligned, reals with 4 decimals. */
    table {
        @Override
        String render(List<String> columns, List<List<Object>> rows) {
            List<String[]> cells = new ArrayList<>();
            cells.add(columns.toArray(String[]::new));
            boolean[] numeric = new boolean[columns.size()];
            for (List<Object> r : rows) {
                String[] line = new String[columns.size()];
                for (int i = 0; i < line.length; i++) {
                    Object v = r.get(i);
                    numeric[i] |= v instanceof Number;
                    line[i] = v == null ? "null" : v instanceof Double || v instanceof Float
                            ? String.format(Locale.ROOT, "%.4f", ((Number) v).doubleValue()) : v.toString();
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
            sb.append("(").append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append(System.lineSeparator());
            return sb.toString();
        }
    },
    /** Comma-separated, header first, fields quoted when needed. */
    csv {
        @Override
        String render(List<String> columns, List<List<Object>> rows) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.join(",", columns.stream().map(ResultFormat::csvField).toList())).append('\n');
            for (List<Object> r : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    Object v = r.get(i);
                    sb.append(i == 0 ? "" : ",").append(v == null ? "" : csvField(v.toString()));
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    },
    /** A JSON array of objects, one per row; a NaN or infinite number is written as a string. */
    json {
        @Override
        String render(List<String> columns, List<List<Object>> rows) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (List<Object> r : rows) {
                ObjectNode o = array.addObject();
                for (int i = 0; i < columns.size(); i++) {
                    Object v = r.get(i);
                    if (v == null) {
                        o.putNull(columns.get(i));
                    } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                        o.put(columns.get(i), new BigDecimal(n.toString()));
                    } else if (v instanceof Boolean b) {
                        o.put(columns.get(i), b);
                    } else { // also NaN and infinities, which JSON numbers cannot express: "NaN", "Infinity"
                        o.put(columns.get(i), v.toString());
                    }
                }
            }
            try {
                return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array) + System.lineSeparator();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** The rows as text in this format. */
    abstract String render(List<String> columns, List<List<Object>> rows);

    /** A query's result as text in this format. */
    String render(QueryResult result) {
        return render(result.columns(), result.rows());
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
