package dev.ablate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.TextTable;
import java.math.BigDecimal;
import java.util.List;

/** How {@code ablate query} prints a result: an aligned table, CSV (RFC 4180) or JSON lines. */
enum ResultFormat {
    /** Aligned columns for people; numbers right-aligned, reals with 4 decimals. */
    table {
        @Override
        String render(List<String> columns, List<List<Object>> rows) {
            return TextTable.render(columns, rows);
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
