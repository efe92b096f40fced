package dev.ablate.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Content addressing: canonical JSON and SHA-256 keys for trials and stages. Canonical JSON
 * sorts object keys, has no whitespace, and writes numbers as Jackson does for the normalized values the
 * schema produces, so equal configs give equal bytes and equal keys across runs and experiments.
 */
public final class TrialKey {

    /**
     * Version of the harness's numerical algorithms. It is part of every trial and stage key: bump it when a
     * change alters the numbers a config produces, so old artifacts and rows are not reused for new code.
     */
    public static final String ALGORITHM_VERSION = "1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TrialKey() {
    }

    /** {@code node} as canonical JSON text. */
    public static String canonicalJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + node, e);
        }
    }

    /** Parses JSON text produced by {@link #canonicalJson}. */
    public static JsonNode parseJson(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** The trial id: SHA-256 over the resolved config, the seed, the dataset fingerprint and the algorithm version. */
    public static String trialId(JsonNode config, long seed, String datasetName, String datasetFingerprint) {
        ObjectNode key = MAPPER.createObjectNode();
        key.put("algorithm", ALGORITHM_VERSION);
        key.set("config", config);
        key.put("seed", seed);
        key.putObject("dataset").put("name", datasetName).put("fingerprint", datasetFingerprint);
        return sha256Hex(canonicalJson(key));
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = MAPPER.createObjectNode();
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}
