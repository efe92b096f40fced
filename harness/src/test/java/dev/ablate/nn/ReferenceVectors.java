package dev.ablate.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Loads the PyTorch reference vectors from {@code /reference/} on the test class path. */
public final class ReferenceVectors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceVectors() {
    }

    /** All cases of a reference file (each file is a JSON array of cases). */
    public static List<JsonNode> cases(String file) {
        try (InputStream in = ReferenceVectors.class.getResourceAsStream("/reference/" + file)) {
            if (in == null) {
                throw new IllegalStateException("reference file /reference/" + file + " not on the test class path");
            }
            List<JsonNode> out = new ArrayList<>();
            MAPPER.readTree(in).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A nested JSON array of numbers, flattened row-major into float32 (exact for the files' notation). */
    public static float[] floats(JsonNode node) {
        List<Float> values = new ArrayList<>();
        flatten(node, n -> values.add((float) n.asDouble()));
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /** A nested JSON array of integers, flattened row-major. */
    public static int[] ints(JsonNode node) {
        List<Integer> values = new ArrayList<>();
        flatten(node, n -> values.add(n.intValue()));
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void flatten(JsonNode node, java.util.function.Consumer<JsonNode> sink) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, sink));
        } else {
            if (!node.isNumber()) {
                throw new IllegalArgumentException("expected a number, got " + node);
            }
            sink.accept(node);
        }
    }
}
