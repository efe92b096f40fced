package dev.ablate.metrics.cost;

import dev.ablate.spec.Location;
import dev.ablate.spec.SpecException;
import dev.ablate.spec.YamlNode;
import dev.ablate.spec.YamlReader;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the text of a cost table YAML file (shape in {@link CostTable}) into a {@link CostTable}, locating every
 * problem by line and key. The YAML itself is parsed by the spec language's strict {@link YamlReader}
 * (duplicate keys, tags and alias bombs rejected), so both kinds of file fail the same way.
 */
final class CostTableReader {

    private static final List<String> KEYS = List.of("name", "source", "unit", "int_add", "int_mult", "fp_add",
            "fp_mult", "sram_read_32b", "dram_read_32b");
    private static final String UNIT = "pJ";
    private static final Pattern WIDTH = Pattern.compile("[1-9][0-9]{0,8}");

    private final String file;

    private CostTableReader(String file) {
        this.file = file;
    }

    /**
     * Parses {@code text}.
     *
     * @param file name used in error messages
     * @throws CostTableException for any problem with the text, located
     */
    static CostTable read(String text, String file) {
        // checked here so the message says "cost table", not YamlReader's "spec"
        if (text.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"))) {
            throw new CostTableException(file, 0, "", "cost table is empty");
        }
        YamlNode root;
        try {
            root = YamlReader.read(text, file);
        } catch (SpecException e) {
            throw new CostTableException(file, e.line(), e.keyPath(), e.problem());
        }
        return new CostTableReader(file).table(root);
    }

    private CostTable table(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping top)) {
            throw error(root.location(), "", "a cost table is a mapping of the keys " + KEYS + ", got " + root.kind());
        }
        for (String key : top.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw error(top.keyLocation(key), key, "unknown key (expected one of " + KEYS + ")");
            }
        }
        for (String key : KEYS) {
            if (!top.entries().containsKey(key)) {
                throw error(top.location(), key, "required key is missing");
            }
        }
        String unit = string(top, "unit");
        if (!unit.equals(UNIT)) {
            throw error(top.entries().get("unit").location(), "unit", "only '" + UNIT + "' is supported, got '" + unit + "'");
        }
        return new CostTable(string(top, "name"), string(top, "source"), widths(top, "int_add"), widths(top, "int_mult"),
                widths(top, "fp_add"), widths(top, "fp_mult"), energy(top.entries().get("sram_read_32b"), "sram_read_32b"),
                energy(top.entries().get("dram_read_32b"), "dram_read_32b"));
    }

    private String string(YamlNode.Mapping top, String key) {
        YamlNode node = top.entries().get(key);
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String text && !text.isBlank()) {
            return text;
        }
        throw error(node.location(), key, "expected a non-blank string, got " + describe(node));
    }

    private NavigableMap<Integer, Double> widths(YamlNode.Mapping top, String key) {
        YamlNode node = top.entries().get(key);
        if (!(node instanceof YamlNode.Mapping table)) {
            throw error(node.location(), key, "expected a mapping of bit width to energy, e.g. {8: 0.2}, got "
                    + describe(node));
        }
        if (table.entries().isEmpty()) {
            throw error(node.location(), key, "table is empty; give the energy at one bit width at least");
        }
        NavigableMap<Integer, Double> energies = new TreeMap<>();
        for (Map.Entry<String, YamlNode> entry : table.entries().entrySet()) {
            String width = entry.getKey();
            if (!WIDTH.matcher(width).matches()) {
                throw error(table.keyLocation(width), key, "bit width must be a positive integer, got '" + width + "'");
            }
            energies.put(Integer.parseInt(width), energy(entry.getValue(), key + "." + width));
        }
        return energies;
    }

    private double energy(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Number n) {
            double energy = n.doubleValue();
            if (energy > 0 && !Double.isInfinite(energy)) {
                return energy;
            }
        }
        throw error(node.location(), key, "energy must be a positive number of " + UNIT + ", got " + describe(node));
    }

    private static String describe(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.value() != null ? s.text() : node.kind();
    }

    private CostTableException error(Location at, String key, String problem) {
        return new CostTableException(file, at.line(), key, problem);
    }
}
