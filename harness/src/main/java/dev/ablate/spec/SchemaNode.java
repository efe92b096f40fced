package dev.ablate.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One node of the spec's schema: what a key may hold, its default, and how to check a YAML value against
 * it. Checking converts YAML into normalized JSON (reals always as doubles, integers as longs), so two specs
 * that mean the same config produce the same canonical JSON and therefore the same trial id.
 */
public sealed interface SchemaNode {

    JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Checks {@code node} and returns it as normalized JSON. For objects, required keys are not enforced
     * here (a sweep may supply them); {@link Obj#resolve} enforces them on the merged trial.
     *
     * @throws SpecException naming the file, location and key path of the first problem
     */
    JsonNode check(YamlNode node, String path, String file);

    /** The value used when the key is absent, or {@code null} if the key is required. */
    JsonNode defaultValue();

    /** A short description of what is expected, for messages ("an integer in [1, 16]"). */
    String expected();

    /**
     * A mapping with a fixed set of keys.
     *
     * @param fields   allowed keys in documentation order
     * @param nullable whether the whole object may be switched off with {@code null}, {@code off} or
     *                 {@code false} (a compression step: off means the step is not applied)
     * @param onByDefault whether an absent nullable object is on with its defaults ({@code eval.latency}) rather
     *                 than off (a compression step)
     */
    record Obj(Map<String, SchemaNode> fields, boolean nullable, boolean onByDefault) implements SchemaNode {
        public Obj {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** An object that, when nullable, is off unless given. */
        public Obj(Map<String, SchemaNode> fields, boolean nullable) {
            this(fields, nullable, false);
        }

        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            if (node instanceof YamlNode.Scalar s && (s.value() == null || "off".equals(s.value())
                    || Boolean.FALSE.equals(s.value()))) {
                if (nullable) {
                    return JSON.nullNode();
                }
                throw new SpecException(file, node.location(), path, "must not be " + (s.value() == null ? "null"
                        : "off") + "; expected " + expected());
            }
            if (!(node instanceof YamlNode.Mapping m)) {
                throw SchemaNode.wrongType(file, node, path, expected());
            }
            ObjectNode out = JSON.objectNode();
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                String key = e.getKey();
                String keyPath = join(path, key);
                SchemaNode field = fields.get(key);
                if (field == null) {
                    throw new SpecException(file, m.keyLocation(key), keyPath,
                            "unknown key '" + key + "'" + Suggestions.didYouMean(key, fields.keySet()));
                }
                out.set(key, field.check(e.getValue(), keyPath, file));
            }
            return out;
        }

        /**
         * Fills defaults into a checked, merged value and enforces required keys.
         *
         * @param value  a value produced by {@link #check} and merged with overrides, or null/missing
         * @param path   dotted path of this object
         * @param origin where to point when a required key is missing
         * @return the resolved value: every key present (steps that are off are JSON null)
         */
        public JsonNode resolve(JsonNode value, String path, String file, Location origin) {
            boolean off = value != null && value.isNull();
            boolean absent = value == null || off || value.isMissingNode();
            if (nullable && (off || absent && !onByDefault)) {
                return JSON.nullNode();
            }
            ObjectNode out = JSON.objectNode();
            for (Map.Entry<String, SchemaNode> f : fields.entrySet()) {
                JsonNode given = absent ? null : value.get(f.getKey());
                String keyPath = join(path, f.getKey());
                if (f.getValue() instanceof Obj child) {
                    out.set(f.getKey(), child.resolve(given, keyPath, file, origin));
                } else if (f.getValue() instanceof ListOf list && list.element() instanceof Obj item
                        && given != null && given.isArray()) {
                    ArrayNode items = JSON.arrayNode();
                    for (int i = 0; i < given.size(); i++) {
                        items.add(item.resolve(given.get(i), keyPath + "[" + i + "]", file, origin));
                    }
                    out.set(f.getKey(), items);
                } else if (given != null && !given.isNull()) {
                    out.set(f.getKey(), given);
                } else if (f.getValue().defaultValue() != null) {
                    out.set(f.getKey(), f.getValue().defaultValue());
                } else {
                    throw new SpecException(file, origin, keyPath, "required key is missing (expected "
                            + f.getValue().expected() + ")");
                }
            }
            return out;
        }

        /** The schema at a dotted path below this object, or {@code null} if there is none. */
        public SchemaNode at(String dottedPath) {
            SchemaNode node = this;
            for (String part : dottedPath.split("\\.", -1)) {
                if (node instanceof Obj o && o.fields.containsKey(part)) {
                    node = o.fields.get(part);
                } else if (node instanceof MapOf m && m.keyPattern().matcher(part).matches()) {
                    node = m.value();
                } else {
                    return null;
                }
            }
            return node;
        }

        /** Every dotted path below this object (objects and leaves), for suggestions. */
        public List<String> paths() {
            List<String> out = new ArrayList<>();
            collect("", out);
            return out;
        }

        private void collect(String prefix, List<String> out) {
            for (Map.Entry<String, SchemaNode> f : fields.entrySet()) {
                String p = join(prefix, f.getKey());
                out.add(p);
                if (f.getValue() instanceof Obj o) {
                    o.collect(p, out);
                }
            }
        }

        @Override
        public JsonNode defaultValue() {
            return nullable && !onByDefault ? JSON.nullNode() : JSON.objectNode();
        }

        @Override
        public String expected() {
            return nullable ? "a mapping, or off" : "a mapping";
        }
    }

    /** An integer in {@code [min, max]}. */
    record Int(long min, long max, Long dflt) implements SchemaNode {
        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            long v = integer(node, path, file, expected());
            if (v < min || v > max) {
                throw SchemaNode.outOfRange(file, node, path, expected());
            }
            return JSON.numberNode(v);
        }

        @Override
        public JsonNode defaultValue() {
            return dflt == null ? null : JSON.numberNode(dflt);
        }

        @Override
        public String expected() {
            return max >= Integer.MAX_VALUE ? "an integer >= " + min : "an integer in [" + min + ", " + max + "]";
        }
    }

    /** A real number in {@code [min, max]}, or {@code [min, max)} when {@code maxExclusive}. */
    record Real(double min, boolean minExclusive, double max, boolean maxExclusive, Double dflt) implements SchemaNode {
        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof Number n)) {
                throw SchemaNode.wrongType(file, node, path, expected());
            }
            double v = n.doubleValue();
            boolean ok = Double.isFinite(v) && (minExclusive ? v > min : v >= min) && (maxExclusive ? v < max : v <= max);
            if (!ok) {
                throw SchemaNode.outOfRange(file, node, path, expected());
            }
            return JSON.numberNode(v);
        }

        @Override
        public JsonNode defaultValue() {
            return dflt == null ? null : JSON.numberNode(dflt);
        }

        @Override
        public String expected() {
            String lo = minExclusive ? "(" : "[";
            String hi = maxExclusive ? ")" : "]";
            String maxText = max == Double.MAX_VALUE ? "inf" : fmt(max);
            return "a number in " + lo + fmt(min) + ", " + maxText + hi;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /** A boolean. */
    record Bool(Boolean dflt) implements SchemaNode {
        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof Boolean b)) {
                throw SchemaNode.wrongType(file, node, path, expected());
            }
            return JSON.booleanNode(b);
        }

        @Override
        public JsonNode defaultValue() {
            return dflt == null ? null : JSON.booleanNode(dflt);
        }

        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** One string out of a closed set. */
    record Choice(List<String> choices, String dflt) implements SchemaNode {
        public Choice {
            choices = List.copyOf(choices);
        }

        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof String v)) {
                throw SchemaNode.wrongType(file, node, path, expected());
            }
            if (!choices.contains(v)) {
                throw new SpecException(file, node.location(), path, "unknown value '" + v + "'; expected "
                        + expected() + Suggestions.didYouMean(v, choices));
            }
            return JSON.textNode(v);
        }

        @Override
        public JsonNode defaultValue() {
            return dflt == null ? null : JSON.textNode(dflt);
        }

        @Override
        public String expected() {
            return "one of " + String.join(", ", choices);
        }
    }

    /** A string matching a pattern. */
    record Text(Pattern pattern, String description, String dflt) implements SchemaNode {
        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            if (!(node instanceof YamlNode.Scalar s) || !(s.value() instanceof String v)) {
                throw SchemaNode.wrongType(file, node, path, expected());
            }
            if (!pattern.matcher(v).matches()) {
                throw new SpecException(file, node.location(), path, "'" + v + "' is not " + expected());
            }
            return JSON.textNode(v);
        }

        @Override
        public JsonNode defaultValue() {
            return dflt == null ? null : JSON.textNode(dflt);
        }

        @Override
        public String expected() {
            return description;
        }
    }

    /** A list of elements that each match {@code element}, with {@code minLength} to {@code maxLength} items. */
    record ListOf(SchemaNode element, int minLength, int maxLength, JsonNode dflt) implements SchemaNode {
        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            if (!(node instanceof YamlNode.Sequence seq)) {
                throw SchemaNode.wrongType(file, node, path, expected());
            }
            int n = seq.items().size();
            if (n < minLength || n > maxLength) {
                String count = minLength == maxLength ? "exactly " + minLength
                        : n < minLength ? "at least " + minLength : "at most " + maxLength;
                throw new SpecException(file, node.location(), path, "needs " + count + " item"
                        + (minLength == 1 && n < minLength ? "" : "s") + ", got " + n);
            }
            ArrayNode out = JSON.arrayNode();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(element.check(seq.items().get(i), path + "[" + i + "]", file));
            }
            return out;
        }

        @Override
        public JsonNode defaultValue() {
            return dflt == null ? null : dflt.deepCopy();
        }

        @Override
        public String expected() {
            return "a list whose items are " + element.expected();
        }
    }

    /**
     * A mapping from names the user chooses (e.g. layer names) to values of one schema; absent means empty.
     * Values are checked but not resolved: they are partial overrides of a sibling object.
     *
     * @param keyPattern what a key must look like
     * @param keyDescription what a key is, for messages ("a layer name")
     * @param value      the schema of every value
     */
    record MapOf(Pattern keyPattern, String keyDescription, SchemaNode value) implements SchemaNode {
        @Override
        public JsonNode check(YamlNode node, String path, String file) {
            if (!(node instanceof YamlNode.Mapping m)) {
                throw SchemaNode.wrongType(file, node, path, expected());
            }
            ObjectNode out = JSON.objectNode();
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                if (!keyPattern.matcher(e.getKey()).matches()) {
                    throw new SpecException(file, m.keyLocation(e.getKey()), join(path, e.getKey()),
                            "'" + e.getKey() + "' is not " + keyDescription);
                }
                out.set(e.getKey(), value.check(e.getValue(), join(path, e.getKey()), file));
            }
            return out;
        }

        @Override
        public JsonNode defaultValue() {
            return JSON.objectNode();
        }

        @Override
        public String expected() {
            return "a mapping from " + keyDescription + " to " + value.expected();
        }
    }

    private static long integer(YamlNode node, String path, String file, String expected) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Long l) {
            return l;
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Double d && d == Math.rint(d)
                && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        throw wrongType(file, node, path, expected);
    }

    private static SpecException wrongType(String file, YamlNode node, String path, String expected) {
        String got = node instanceof YamlNode.Scalar s && s.value() != null ? node.kind() + " " + s.text() : node.kind();
        return new SpecException(file, node.location(), path, "expected " + expected + ", got " + got);
    }

    private static SpecException outOfRange(String file, YamlNode node, String path, String expected) {
        return new SpecException(file, node.location(), path, "out of range: expected " + expected + ", got "
                + ((YamlNode.Scalar) node).text());
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
