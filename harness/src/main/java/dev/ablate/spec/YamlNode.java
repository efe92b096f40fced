package dev.ablate.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every node and key came from, so validation errors can
 * name a line and column. Built by {@link YamlReader}; immutable.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** Where this node starts. */
    Location location();

    /** Number of nodes in this subtree (used to bound alias expansion). */
    long size();

    /** A short noun for messages: "a mapping", "a list", "a string", … */
    String kind();

    /**
     * A mapping with string keys in document order.
     *
     * @param entries      values by key
     * @param keyLocations where each key is written
     */
    record Mapping(Map<String, YamlNode> entries, Map<String, Location> keyLocations, Location location, long size)
            implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
        }

        /** Location of {@code key}, or of the mapping itself when the key is absent. */
        public Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A list. */
    record Sequence(List<YamlNode> items, Location location, long size) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or {@code null} for YAML null.
     */
    record Scalar(Object value, Location location) implements YamlNode {
        @Override
        public long size() {
            return 1;
        }

        @Override
        public String kind() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String) {
                return "a string";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return value instanceof Long ? "an integer" : "a number";
        }

        /** The value as written, for messages. */
        public String text() {
            return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }
}
