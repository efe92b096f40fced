package dev.ablate.metrics.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Energy of one arithmetic operation or memory read on some hardware, in picojoules, as published for a
 * process node. A table lists energies at a few bit widths; the methods give the energy at any width by the
 * rules below, where the <em>anchor</em> width {@code w0} for a requested width {@code b} is the largest table
 * width {@code <= b}, or the smallest table width when all are larger. A width in the table always gets its
 * table value unchanged.
 * <ul>
 * <li>{@link #intAdd(int)}, {@link #fpAdd(int)}: an adder's energy is linear in its width:
 * {@code E(w0)·b/w0}.</li>
 * <li>{@link #intMult(int, int)}: an array multiplier's energy grows with the product of its operand widths:
 * {@code E(w0)·(wb·ab)/(w0·w0)} with {@code w0} anchored at {@code max(wb, ab)}; so 4×4 bits costs a quarter
 * of 8×8, and 1×8 an eighth.</li>
 * <li>{@link #fpMult(int)}: the mantissa multiplier dominates, quadratic in width: {@code E(w0)·(b/w0)²}.</li>
 * <li>{@link #sramRead(int)}, {@link #dramRead(int)}: per bit, from the 32-bit word: {@code E32·b/32}.</li>
 * </ul>
 * The default table, {@link #horowitz45nm()}, is Horowitz, "Computing's energy problem (and what we can do
 * about it)", ISSCC 2014, at 45 nm. Other tables are YAML files read by {@link #load(Path)}, of this shape
 * (every key required, no other key allowed):
 * <pre>{@code
 * name: horowitz-45nm
 * source: "M. Horowitz, Computing's energy problem, ISSCC 2014 (45 nm, 0.9 V)"
 * unit: pJ                        # the only unit accepted
 * int_add:  {8: 0.03, 32: 0.1}    # {bit width: pJ per operation}, at least one entry
 * int_mult: {8: 0.2, 32: 3.1}
 * fp_add:   {16: 0.4, 32: 0.9}
 * fp_mult:  {16: 1.1, 32: 3.7}
 * sram_read_32b: 5.0              # pJ per 32-bit word read from on-chip SRAM
 * dram_read_32b: 640.0            # pJ per 32-bit word read from DRAM
 * }</pre>
 *
 * @param name       short identifier, e.g. {@code horowitz-45nm}
 * @param source     where the numbers come from
 * @param intAdd     integer add energy by bit width
 * @param intMult    integer multiply energy by operand bit width (both operands that wide)
 * @param fpAdd      floating-point add energy by bit width
 * @param fpMult     floating-point multiply energy by bit width
 * @param sramRead32 energy of one 32-bit on-chip SRAM read
 * @param dramRead32 energy of one 32-bit DRAM read
 */
public record CostTable(String name, String source, NavigableMap<Integer, Double> intAdd,
        NavigableMap<Integer, Double> intMult, NavigableMap<Integer, Double> fpAdd,
        NavigableMap<Integer, Double> fpMult, double sramRead32, double dramRead32) {

    /** Name of the built-in table. */
    public static final String HOROWITZ_45NM = "horowitz-45nm";

    private static final String DEFAULT_RESOURCE = HOROWITZ_45NM + ".yaml";

    /**
     * Copies the width tables into unmodifiable sorted maps.
     *
     * @throws IllegalArgumentException if the name is blank, a width table is empty or has a non-positive
     *                                  width, or any energy is not a positive finite number
     */
    public CostTable {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        intAdd = widthTable("intAdd", intAdd);
        intMult = widthTable("intMult", intMult);
        fpAdd = widthTable("fpAdd", fpAdd);
        fpMult = widthTable("fpMult", fpMult);
        checkEnergy("sramRead32", sramRead32);
        checkEnergy("dramRead32", dramRead32);
    }

    /** The table shipped with Ablate: Horowitz, ISSCC 2014, 45 nm (read once; the record is immutable). */
    public static CostTable horowitz45nm() {
        return Shipped.HOROWITZ;
    }

    /** The shipped table, read from its resource on first use. */
    private static final class Shipped {
        static final CostTable HOROWITZ = readResource();
    }

    private static CostTable readResource() {
        try (InputStream in = CostTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return CostTableReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The table {@code eval.cost_model} names: the built-in {@code horowitz-45nm}, or a YAML file at that path
     * (relative to the working directory).
     *
     * @throws CostTableException as {@link #load(Path)}
     */
    public static CostTable resolve(String nameOrPath) {
        return HOROWITZ_45NM.equals(nameOrPath) ? horowitz45nm() : load(Path.of(nameOrPath));
    }

    /**
     * Reads a cost table from a YAML file of the shape in the class comment.
     *
     * @throws CostTableException if the file cannot be read, is not YAML, lacks a required key, has an unknown
     *                            key, a bit width that is not a positive integer, an energy that is not a
     *                            positive number, or an empty width table; located by line and key
     */
    public static CostTable load(Path yaml) {
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CostTableException(yaml.toString(), 0, "", "no such file");
        } catch (IOException e) {
            throw new CostTableException(yaml.toString(), 0, "", "cannot read the file (" + e + ")");
        }
        return CostTableReader.read(text, yaml.toString());
    }

    /** Energy of one integer add of {@code bits} bits: linear in width from the anchor. */
    public double intAdd(int bits) {
        return linear(intAdd, bits);
    }

    /**
     * Energy of one integer multiply of a {@code weightBits} by an {@code activationBits} operand: the anchor's
     * energy scaled by the product of the operand widths, anchored at the wider operand.
     */
    public double intMult(int weightBits, int activationBits) {
        checkBits("weightBits", weightBits);
        checkBits("activationBits", activationBits);
        Map.Entry<Integer, Double> anchor = anchor(intMult, Math.max(weightBits, activationBits));
        double w0 = anchor.getKey();
        return anchor.getValue() * ((double) weightBits * activationBits / (w0 * w0));
    }

    /** Energy of one floating-point add at {@code bits} bits: linear in width from the anchor. */
    public double fpAdd(int bits) {
        return linear(fpAdd, bits);
    }

    /** Energy of one floating-point multiply at {@code bits} bits: quadratic in width from the anchor. */
    public double fpMult(int bits) {
        checkBits("bits", bits);
        Map.Entry<Integer, Double> anchor = anchor(fpMult, bits);
        double ratio = (double) bits / anchor.getKey();
        return anchor.getValue() * ratio * ratio;
    }

    /** Energy of reading {@code bits} bits from on-chip SRAM: per bit, from the 32-bit word. */
    public double sramRead(int bits) {
        checkBits("bits", bits);
        return sramRead32 * (bits / 32.0);
    }

    /** Energy of reading {@code bits} bits from DRAM: per bit, from the 32-bit word. */
    public double dramRead(int bits) {
        checkBits("bits", bits);
        return dramRead32 * (bits / 32.0);
    }

    private static double linear(NavigableMap<Integer, Double> table, int bits) {
        checkBits("bits", bits);
        Map.Entry<Integer, Double> anchor = anchor(table, bits);
        return anchor.getValue() * ((double) bits / anchor.getKey());
    }

    private static Map.Entry<Integer, Double> anchor(NavigableMap<Integer, Double> table, int bits) {
        Map.Entry<Integer, Double> below = table.floorEntry(bits);
        return below != null ? below : table.firstEntry();
    }

    private static void checkBits(String argument, int bits) {
        if (bits < 1) {
            throw new IllegalArgumentException(argument + " must be positive, got " + bits);
        }
    }

    private static NavigableMap<Integer, Double> widthTable(String component, NavigableMap<Integer, Double> table) {
        if (table == null || table.isEmpty()) {
            throw new IllegalArgumentException(component + " must list the energy at one bit width at least");
        }
        TreeMap<Integer, Double> copy = new TreeMap<>();
        table.forEach((bits, energy) -> {
            if (bits == null || bits < 1) {
                throw new IllegalArgumentException(component + ": bit width must be positive, got " + bits);
            }
            checkEnergy(component + "[" + bits + "]", energy == null ? Double.NaN : energy);
            copy.put(bits, energy);
        });
        return Collections.unmodifiableNavigableMap(copy);
    }

    private static void checkEnergy(String component, double energy) {
        if (!(energy > 0) || Double.isInfinite(energy)) {
            throw new IllegalArgumentException(component + " must be a positive finite energy, got " + energy);
        }
    }
}
