package dev.ablate.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sweep:} block: {@code grid} (cartesian product of axes), {@code zip} (axes that vary together),
 * {@code cases} (explicit override sets), {@code layerwise} (axes like {@code grid} whose points also set
 * {@code compress.quantize.layerwise: true}, so every weight layer is also quantized alone and reported in the
 * {@code layers} table) and {@code exclude} (points to drop). The blocks combine by cartesian product in the
 * order grid × zip × cases × layerwise; the first axis of the grid varies slowest.
 *
 * @param grid    axes whose values combine by product
 * @param zip     axes of equal length whose i-th values go together
 * @param cases   explicit override sets (an empty set is the base config itself)
 * @param layerwise axes of the layer-wise sensitivity block, combined by product like {@code grid}
 * @param exclude override sets; a point whose resolved config matches every value of one of them is dropped
 */
public record Sweep(List<Axis> grid, List<Axis> zip, List<Map<String, JsonNode>> cases, List<Axis> layerwise,
                    List<Map<String, JsonNode>> exclude) {

    /** The override every point of the {@code layerwise} block carries. */
    public static final String LAYERWISE_FLAG = "compress.quantize.layerwise";

    /** A sweep of one point: the base config. */
    public static final Sweep NONE = new Sweep(List.of(), List.of(), List.of(), List.of(), List.of());

    public Sweep {
        grid = List.copyOf(grid);
        zip = List.copyOf(zip);
        cases = cases.stream().map(Sweep::frozen).toList();
        layerwise = List.copyOf(layerwise);
        exclude = exclude.stream().map(Sweep::frozen).toList();
    }

    /**
     * One swept key and its values.
     *
     * @param path   dotted path into the trial config
     * @param values checked values, in the order written
     */
    public record Axis(String path, List<JsonNode> values) {
        public Axis {
            values = List.copyOf(values);
        }
    }

    /**
     * Number of points before exclusions: |grid product| × |zip| × |cases| × |layerwise product|, saturating at
     * Long.MAX_VALUE.
     */
    public long pointCountBeforeExclusion() {
        long n = 1;
        for (Axis a : grid) {
            n = Math.multiplyHigh(n, a.values().size()) != 0 ? Long.MAX_VALUE : n * a.values().size();
        }
        for (Axis a : layerwise) {
            n = Math.multiplyHigh(n, a.values().size()) != 0 ? Long.MAX_VALUE : n * a.values().size();
        }
        if (!zip.isEmpty()) {
            n = Math.multiplyHigh(n, zip.get(0).values().size()) != 0 ? Long.MAX_VALUE : n * zip.get(0).values().size();
        }
        if (!cases.isEmpty()) {
            n = Math.multiplyHigh(n, cases.size()) != 0 ? Long.MAX_VALUE : n * cases.size();
        }
        return n;
    }

    /**
     * The sweep points in order, each as the ordered overrides it applies (path → value); exclusions are
     * applied later by the planner, against the resolved config.
     */
    public List<Map<String, JsonNode>> points() {
        List<Map<String, JsonNode>> points = gridProduct(grid, List.of(Map.of()));
        if (!zip.isEmpty()) {
            points = product(points, zipped());
        }
        if (!cases.isEmpty()) {
            points = product(points, cases);
        }
        if (!layerwise.isEmpty()) {
            points = gridProduct(layerwise, product(points,
                    List.of(Map.of(LAYERWISE_FLAG, JsonNodeFactory.instance.booleanNode(true)))));
        }
        return points;
    }

    private static List<Map<String, JsonNode>> gridProduct(List<Axis> axes, List<Map<String, JsonNode>> start) {
        List<Map<String, JsonNode>> points = start;
        for (Axis axis : axes) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> p : points) {
                for (JsonNode v : axis.values()) {
                    next.add(with(p, Map.of(axis.path(), v)));
                }
            }
            points = next;
        }
        return points;
    }

    private List<Map<String, JsonNode>> zipped() {
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (int i = 0; i < zip.get(0).values().size(); i++) {
            Map<String, JsonNode> row = new LinkedHashMap<>();
            for (Axis a : zip) {
                row.put(a.path(), a.values().get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, JsonNode>> product(List<Map<String, JsonNode>> left, List<Map<String, JsonNode>> right) {
        List<Map<String, JsonNode>> out = new ArrayList<>(left.size() * right.size());
        for (Map<String, JsonNode> l : left) {
            for (Map<String, JsonNode> r : right) {
                out.add(with(l, r));
            }
        }
        return out;
    }

    private static Map<String, JsonNode> with(Map<String, JsonNode> a, Map<String, JsonNode> b) {
        Map<String, JsonNode> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, JsonNode> frozen(Map<String, JsonNode> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
