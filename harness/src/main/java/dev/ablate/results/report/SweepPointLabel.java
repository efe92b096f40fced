package dev.ablate.results.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A short, readable label for a sweep point's overrides (the trials table's {@code sweep_point} JSON): each leaf
 * setting as {@code name=value} with its last path segment as the name, e.g. {@code bits=4 granularity=per-channel};
 * {@code base} for no overrides.
 */
final class SweepPointLabel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepPointLabel() {
    }

    static String of(String sweepPoint) {
        if (sweepPoint == null) {
            return "–";
        }
        try {
            List<String> parts = new ArrayList<>();
            leaves("", JSON.readTree(sweepPoint), parts);
            return parts.isEmpty() ? "base" : String.join(" ", parts);
        } catch (JsonProcessingException e) {
            return sweepPoint;
        }
    }

    private static void leaves(String name, JsonNode node, List<String> out) {
        if (node.isObject() && node.size() > 0) {
            for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                String key = f.getKey().substring(f.getKey().lastIndexOf('.') + 1);
                leaves(key, f.getValue(), out);
            }
        } else {
            out.add(name + "=" + (node.isTextual() ? node.asText() : node.toString()));
        }
    }
}
