package dev.ablate.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates a spec file strictly: the first problem found is reported as one
 * {@link SpecException} that names the file, line, column and key path, and suggests the nearest valid key
 * for a typo. Nothing is written anywhere while loading.
 */
public final class SpecLoader {

    private static final List<String> TOP_LEVEL = List.of("experiment", "description", "dataset", "seeds", "base", "sweep");
    private static final List<String> SWEEP_BLOCKS = List.of("grid", "zip", "cases", "layerwise", "exclude");
    private static final SchemaNode SEEDS = new SchemaNode.ListOf(new SchemaNode.Int(0, Integer.MAX_VALUE, null), 1,
            10_000, SchemaNode.JSON.arrayNode().add(0L));
    private static final SchemaNode DESCRIPTION = new SchemaNode.Text(Pattern.compile("(?s).*"), "text", "");

    private final String file;

    private SpecLoader(String file) {
        this.file = file;
    }

    /**
     * Reads and validates the spec at {@code path}.
     *
     * @throws SpecException if the file is missing, unreadable or invalid
     */
    public static Spec load(Path path) {
        String name = path.toString();
        String text;
        try {
            byte[] bytes = Files.readAllBytes(path);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new SpecException(name, Location.UNKNOWN, "", "no such file");
        } catch (CharacterCodingException e) {
            throw new SpecException(name, Location.UNKNOWN, "", "not valid UTF-8 text");
        } catch (IOException e) {
            throw new SpecException(name, Location.UNKNOWN, "", "cannot read: " + e.getMessage());
        }
        return parse(text, path);
    }

    /**
     * Validates spec {@code text} as if read from {@code source} (relative dataset paths resolve against
     * its folder).
     *
     * @throws SpecException if the spec is invalid
     */
    public static Spec parse(String text, Path source) {
        return new SpecLoader(source.toString()).build(YamlReader.read(text, source.toString()), source, text);
    }

    private Spec build(YamlNode root, Path source, String text) {
        if (!(root instanceof YamlNode.Mapping top)) {
            throw new SpecException(file, root.location(), "", "a spec must be a mapping with keys " + TOP_LEVEL
                    + ", got " + root.kind());
        }
        for (String key : top.entries().keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new SpecException(file, top.keyLocation(key), key,
                        "unknown key '" + key + "'" + Suggestions.didYouMean(key, TOP_LEVEL));
            }
        }
        String experiment = required(top, "experiment", new SchemaNode.Text(SpecSchema.EXPERIMENT_NAME,
                "a name of lowercase letters, digits and '-' (starting with a letter or digit, at most 100 characters)",
                null)).asText();
        String description = optional(top, "description", DESCRIPTION).asText();
        DatasetSpec dataset = dataset(top, source);
        List<Long> seeds = new ArrayList<>();
        optional(top, "seeds", SEEDS).forEach(n -> seeds.add(n.asLong()));
        checkDistinct(top, seeds);
        JsonNode base = top.entries().containsKey("base")
                ? SpecSchema.TRIAL.check(top.entries().get("base"), "base", file)
                : SchemaNode.JSON.objectNode();
        Sweep sweep = top.entries().containsKey("sweep") ? sweep(top.entries().get("sweep")) : Sweep.NONE;
        return new Spec(experiment, description, dataset, seeds, base, sweep, source, TrialKey.sha256Hex(text));
    }

    private void checkDistinct(YamlNode.Mapping top, List<Long> seeds) {
        if (Set.copyOf(seeds).size() != seeds.size()) {
            throw new SpecException(file, top.entries().get("seeds").location(), "seeds", "seeds must be distinct, got " + seeds);
        }
    }

    private JsonNode required(YamlNode.Mapping m, String key, SchemaNode schema) {
        YamlNode node = m.entries().get(key);
        if (node == null) {
            throw new SpecException(file, m.location(), key, "required key is missing (expected " + schema.expected() + ")");
        }
        return schema.check(node, key, file);
    }

    private JsonNode optional(YamlNode.Mapping m, String key, SchemaNode schema) {
        YamlNode node = m.entries().get(key);
        return node == null ? schema.defaultValue() : schema.check(node, key, file);
    }

    private DatasetSpec dataset(YamlNode.Mapping top, Path source) {
        YamlNode node = top.entries().get("dataset");
        if (node == null) {
            throw new SpecException(file, top.location(), "dataset", "required key is missing (expected a mapping "
                    + "such as {name: fashion-mnist-mini})");
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String name) {
            // shorthand: dataset: fashion-mnist-mini
            SpecSchema.DATASET.fields().get("name").check(node, "dataset", file);
            return datasetSpec(SpecSchema.DATASET.resolve(SchemaNode.JSON.objectNode().put("name", name), "dataset",
                    file, node.location()), source);
        }
        JsonNode checked = SpecSchema.DATASET.check(node, "dataset", file);
        YamlNode.Mapping m = (YamlNode.Mapping) node;
        JsonNode resolved = SpecSchema.DATASET.resolve(checked, "dataset", file, m.location());
        String name = resolved.get("name").asText();
        List<String> specific = SpecSchema.DATASET_KEYS_BY_NAME.getOrDefault(name, List.of());
        for (String key : m.entries().keySet()) {
            boolean general = key.equals("name") || key.equals("validation");
            if (!general && !specific.contains(key)) {
                throw new SpecException(file, m.keyLocation(key), "dataset." + key, "does not apply to dataset '"
                        + name + "'" + (specific.isEmpty() ? "" : " (its keys: name, validation, " + String.join(", ", specific) + ")"));
            }
        }
        if (name.equals("csv")) {
            for (String key : List.of("path", "label")) {
                if (!m.entries().containsKey(key)) {
                    throw new SpecException(file, m.location(), "dataset." + key, "required for dataset 'csv'");
                }
            }
        }
        return datasetSpec(resolved, source);
    }

    /** The typed dataset block; keys that do not apply to the named dataset are left 0/null, not defaulted. */
    private static DatasetSpec datasetSpec(JsonNode d, Path source) {
        String name = d.get("name").asText();
        int validation = d.get("validation").asInt();
        return switch (name) {
            case "csv" -> {
                Path p = Path.of(d.get("path").asText());
                Path dir = source.toAbsolutePath().getParent();
                String path = (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize().toString();
                yield new DatasetSpec(name, validation, path, d.get("label").asText(), d.get("test_fraction").asDouble(),
                        0, 0, 0, 0, d.get("seed").asLong());
            }
            case "synthetic" -> DatasetSpec.synthetic(d.get("train_size").asInt(), d.get("test_size").asInt(),
                    d.get("features").asInt(), d.get("classes").asInt(), d.get("seed").asLong()).withValidation(validation);
            default -> DatasetSpec.named(name, validation);
        };
    }

    private Sweep sweep(YamlNode node) {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new SpecException(file, node.location(), "sweep", "expected a mapping with keys " + SWEEP_BLOCKS
                    + ", got " + node.kind());
        }
        if (m.entries().isEmpty()) {
            throw new SpecException(file, m.location(), "sweep", "sweep is empty; remove it to run the base config once");
        }
        for (String key : m.entries().keySet()) {
            if (!SWEEP_BLOCKS.contains(key)) {
                throw new SpecException(file, m.keyLocation(key), "sweep." + key,
                        "unknown sweep block '" + key + "'" + Suggestions.didYouMean(key, SWEEP_BLOCKS));
            }
        }
        List<Sweep.Axis> grid = axes(m, "grid");
        List<Sweep.Axis> zip = axes(m, "zip");
        if (!zip.isEmpty()) {
            int n = zip.get(0).values().size();
            YamlNode.Mapping zm = (YamlNode.Mapping) m.entries().get("zip");
            for (Sweep.Axis a : zip) {
                if (a.values().size() != n) {
                    throw new SpecException(file, zm.keyLocation(a.path()), "sweep.zip." + a.path(),
                            "zip axes must have equal lengths: '" + zip.get(0).path() + "' has " + n + " values, '"
                                    + a.path() + "' has " + a.values().size());
                }
            }
        }
        List<Map<String, JsonNode>> cases = overrideList(m, "cases");
        List<Map<String, JsonNode>> exclude = overrideList(m, "exclude");
        List<Sweep.Axis> layerwise = axes(m, "layerwise");
        checkDisjoint(m, grid, zip, cases, layerwise);
        return new Sweep(grid, zip, cases, layerwise, exclude);
    }

    private List<Sweep.Axis> axes(YamlNode.Mapping sweep, String block) {
        YamlNode node = sweep.entries().get(block);
        if (node == null) {
            return List.of();
        }
        String blockPath = "sweep." + block;
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new SpecException(file, node.location(), blockPath, "expected a mapping of config paths to lists "
                    + "of values, got " + node.kind());
        }
        if (m.entries().isEmpty()) {
            throw new SpecException(file, m.location(), blockPath, "is empty; give at least one axis or remove it");
        }
        List<Sweep.Axis> axes = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            String path = e.getKey();
            SchemaNode schema = schemaAt(path, blockPath, m.keyLocation(path));
            String axisPath = blockPath + "." + path;
            if (!(e.getValue() instanceof YamlNode.Sequence seq)) {
                throw new SpecException(file, e.getValue().location(), axisPath, "expected a list of values to sweep, got "
                        + e.getValue().kind() + " (use base: for a fixed value)");
            }
            if (seq.items().isEmpty()) {
                throw new SpecException(file, seq.location(), axisPath, "empty list: an axis needs at least one value");
            }
            List<JsonNode> values = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                values.add(schema.check(seq.items().get(i), axisPath + "[" + i + "]", file));
            }
            axes.add(new Sweep.Axis(path, values));
        }
        return axes;
    }

    private List<Map<String, JsonNode>> overrideList(YamlNode.Mapping sweep, String block) {
        YamlNode node = sweep.entries().get(block);
        if (node == null) {
            return List.of();
        }
        String blockPath = "sweep." + block;
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw new SpecException(file, node.location(), blockPath, "expected a list of mappings from config paths "
                    + "to values, got " + node.kind());
        }
        if (seq.items().isEmpty()) {
            throw new SpecException(file, seq.location(), blockPath, "is empty; give at least one entry or remove it");
        }
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            String itemPath = blockPath + "[" + i + "]";
            YamlNode item = seq.items().get(i);
            if (!(item instanceof YamlNode.Mapping m)) {
                throw new SpecException(file, item.location(), itemPath, "expected a mapping from config paths to "
                        + "values, got " + item.kind());
            }
            if (block.equals("exclude") && m.entries().isEmpty()) {
                throw new SpecException(file, m.location(), itemPath, "an empty exclude entry would drop every point");
            }
            Map<String, JsonNode> overrides = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
                SchemaNode schema = schemaAt(e.getKey(), itemPath, m.keyLocation(e.getKey()));
                overrides.put(e.getKey(), schema.check(e.getValue(), itemPath + "." + e.getKey(), file));
            }
            out.add(overrides);
        }
        return out;
    }

    private SchemaNode schemaAt(String path, String blockPath, Location at) {
        SchemaNode schema = SpecSchema.TRIAL.at(path);
        if (schema == null) {
            throw new SpecException(file, at, blockPath, "unknown key '" + path + "'"
                    + Suggestions.didYouMeanPath(path, SpecSchema.TRIAL.paths()));
        }
        return schema;
    }

    /** A path swept by two blocks (or one a prefix of the other) would make the product ambiguous. */
    private void checkDisjoint(YamlNode.Mapping sweep, List<Sweep.Axis> grid, List<Sweep.Axis> zip,
                               List<Map<String, JsonNode>> cases, List<Sweep.Axis> layerwise) {
        Map<String, String> owner = new LinkedHashMap<>();
        grid.forEach(a -> owner.put(a.path(), "grid"));
        for (Sweep.Axis a : zip) {
            claim(sweep, owner, a.path(), "zip");
        }
        Set<String> casePaths = new LinkedHashSet<>();
        cases.forEach(c -> casePaths.addAll(c.keySet()));
        for (String p : casePaths) {
            claim(sweep, owner, p, "cases");
        }
        for (Sweep.Axis a : layerwise) {
            claim(sweep, owner, a.path(), "layerwise");
        }
    }

    private void claim(YamlNode.Mapping sweep, Map<String, String> owner, String path, String block) {
        for (Map.Entry<String, String> e : owner.entrySet()) {
            String other = e.getKey();
            boolean overlap = other.equals(path) || other.startsWith(path + ".") || path.startsWith(other + ".");
            if (overlap && !e.getValue().equals(block)) {
                throw new SpecException(file, sweep.keyLocation(block), "sweep." + block, "'" + path
                        + "' overlaps '" + other + "' swept in sweep." + e.getValue() + "; sweep each key in one block");
            }
        }
        owner.putIfAbsent(path, block);
    }
}
