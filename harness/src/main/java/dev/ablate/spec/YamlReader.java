package dev.ablate.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree with locations, strictly: duplicate keys, non-string
 * keys, explicit tags and multi-document streams are errors. Anchors and aliases are supported, but their
 * expansion is bounded ({@link #MAX_ALIASES} aliases, {@link #MAX_NODES} nodes after expansion), so an
 * alias bomb ("billion laughs") is rejected instead of exhausting memory.
 */
public final class YamlReader {

    /** Most aliases one spec may use. */
    public static final int MAX_ALIASES = 100;
    /** Most nodes a spec may have once aliases are expanded. */
    public static final long MAX_NODES = 100_000;
    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 64;

    private static final int MAX_SPEC_CHARS = 1 << 20;
    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions())
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // reported by readMapping, with both locations
            .build();

    private final String file;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private int aliases;
    private long nodes;

    private YamlReader(String file) {
        this.file = file;
    }

    /**
     * Parses {@code text}.
     *
     * @param file name used in error messages
     * @throws SpecException for any syntax error or rejected construct, located
     */
    public static YamlNode read(String text, String file) {
        if (text.length() > MAX_SPEC_CHARS) {
            throw new SpecException(file, Location.UNKNOWN, "", "spec is larger than " + MAX_SPEC_CHARS + " characters");
        }
        YamlReader reader = new YamlReader(file);
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SpecException(file, Location.UNKNOWN, "", "spec is empty");
            }
            YamlNode root = reader.readValue(parser, "", 0);
            if (parser.nextToken() != null) {
                throw reader.error(parser.currentTokenLocation(), "",
                        "more than one YAML document; a spec is a single document");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                // snakeyaml knows both what it was parsing and what it found: "while parsing a flow mapping:
                // expected ',' or '}', but got <block mapping start>", located at the problem
                String context = y.getContext() == null ? "" : y.getContext() + ": ";
                Location at = new Location(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1);
                throw new SpecException(file, at, "", "YAML syntax error: " + context + y.getProblem());
            }
            String message = e.getOriginalMessage().lines().findFirst().orElse("YAML syntax error");
            throw reader.error(e.getLocation(), "", "YAML syntax error: " + message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private YamlNode readValue(YAMLParser p, String path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error(p.currentTokenLocation(), path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        Location at = location(p.currentTokenLocation());
        Object tag = p.getTypeId();
        if (tag != null) {
            throw error(p.currentTokenLocation(), path, "YAML tags are not allowed (found '" + tag + "')");
        }
        if (p.isCurrentAlias()) {
            return alias(p, path, at);
        }
        String anchor = p.getCurrentAnchor();
        YamlNode node = switch (p.currentToken()) {
            case START_OBJECT -> readMapping(p, path, depth, at);
            case START_ARRAY -> readSequence(p, path, depth, at);
            case VALUE_STRING -> new YamlNode.Scalar(p.getText(), at);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(integer(p, path), at);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(p.getDoubleValue(), at);
            case VALUE_TRUE -> new YamlNode.Scalar(Boolean.TRUE, at);
            case VALUE_FALSE -> new YamlNode.Scalar(Boolean.FALSE, at);
            case VALUE_NULL -> new YamlNode.Scalar(null, at);
            default -> throw error(p.currentTokenLocation(), path, "unexpected YAML token " + p.currentToken());
        };
        if (node instanceof YamlNode.Scalar) {
            count(1, p, path);
        }
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private Object integer(YAMLParser p, String path) throws IOException {
        return switch (p.getNumberType()) {
            case INT, LONG -> p.getLongValue();
            default -> throw error(p.currentTokenLocation(), path, "integer " + p.getText() + " is out of range");
        };
    }

    private YamlNode alias(YAMLParser p, String path, Location at) throws IOException {
        YamlNode target = anchors.get(p.getText());
        if (target == null) {
            throw error(p.currentTokenLocation(), path, "alias '*" + p.getText() + "' refers to no anchor defined before it");
        }
        if (++aliases > MAX_ALIASES) {
            throw error(p.currentTokenLocation(), path, "more than " + MAX_ALIASES + " YAML aliases");
        }
        count(target.size(), p, path);
        return target;
    }

    private void count(long added, YAMLParser p, String path) {
        nodes += added;
        if (nodes > MAX_NODES) {
            throw error(p.currentTokenLocation(), path,
                    "spec expands to more than " + MAX_NODES + " YAML nodes (alias bomb?)");
        }
    }

    private YamlNode readMapping(YAMLParser p, String path, int depth, Location at) throws IOException {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        long size = 1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Location keyAt = location(p.currentTokenLocation());
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                Location first = keys.get(key);
                throw new SpecException(file, keyAt, keyPath,
                        "duplicate key (first defined at line " + first.line() + ")");
            }
            p.nextToken();
            YamlNode value = readValue(p, keyPath, depth + 1);
            entries.put(key, value);
            keys.put(key, keyAt);
            size += value.size();
        }
        if (t != JsonToken.END_OBJECT) {
            throw error(p.currentTokenLocation(), path, "malformed mapping");
        }
        count(1, p, path);
        return new YamlNode.Mapping(entries, keys, at, size);
    }

    private YamlNode readSequence(YAMLParser p, String path, int depth, Location at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        long size = 1;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw error(p.currentTokenLocation(), path, "unterminated list");
            }
            YamlNode item = readValue(p, path + "[" + items.size() + "]", depth + 1);
            items.add(item);
            size += item.size();
        }
        count(1, p, path);
        return new YamlNode.Sequence(items, at, size);
    }

    private SpecException error(JsonLocation at, String path, String problem) {
        return new SpecException(file, location(at), path, problem);
    }

    private static Location location(JsonLocation at) {
        return at == null || at.getLineNr() <= 0 ? Location.UNKNOWN : new Location(at.getLineNr(), at.getColumnNr());
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 2);
        options.setCodePointLimit(MAX_SPEC_CHARS);
        options.setAllowRecursiveKeys(false);
        return options;
    }
}
