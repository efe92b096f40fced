package dev.ablate.metrics.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped Horowitz table, the width rules, and reading user tables with located errors. */
class CostTableTest {

    private static final CostTable HOROWITZ = CostTable.horowitz45nm();

    /** A made-up 7 nm table: every number differs from Horowitz's, so a test sees which table was used. */
    private static final String SEVEN_NM = """
            name: made-up-7nm
            source: "test fixture, not measured"
            unit: pJ
            int_add:  {8: 0.007, 32: 0.03}
            int_mult: {4: 0.01, 8: 0.04}
            fp_add:   {16: 0.1, 32: 0.25}
            fp_mult:  {16: 0.3, 32: 1.0}
            sram_read_32b: 1.5
            dram_read_32b: 200
            """;

    @Test
    void shippedTableIsHorowitz45nmExactly() {
        assertEquals("horowitz-45nm", HOROWITZ.name());
        assertTrue(HOROWITZ.source().contains("ISSCC 2014"), HOROWITZ.source());
        assertEquals(0.03, HOROWITZ.intAdd(8));
        assertEquals(0.1, HOROWITZ.intAdd(32));
        assertEquals(0.4, HOROWITZ.fpAdd(16));
        assertEquals(0.9, HOROWITZ.fpAdd(32));
        assertEquals(0.2, HOROWITZ.intMult(8, 8));
        assertEquals(3.1, HOROWITZ.intMult(32, 32));
        assertEquals(1.1, HOROWITZ.fpMult(16));
        assertEquals(3.7, HOROWITZ.fpMult(32));
        assertEquals(5.0, HOROWITZ.sramRead(32));
        assertEquals(640.0, HOROWITZ.dramRead(32));
        assertEquals(new TreeMap<>(Map.of(8, 0.03, 32, 0.1)), HOROWITZ.intAdd());
    }

    @Test
    void addersAreLinearInWidthFromTheAnchor() {
        assertEquals(0.015, HOROWITZ.intAdd(4), 1e-15);   // below the table: from the smallest width, 8
        assertEquals(0.06, HOROWITZ.intAdd(16), 1e-15);   // anchored at 8, not interpolated towards 32
        assertEquals(0.2, HOROWITZ.intAdd(64), 1e-15);    // above the table: from the largest width, 32
        assertEquals(0.2, HOROWITZ.fpAdd(8), 1e-15);
        assertEquals(1.8, HOROWITZ.fpAdd(64), 1e-15);
    }

    @Test
    void intMultScalesWithTheProductOfOperandWidths() {
        assertEquals(0.05, HOROWITZ.intMult(4, 4), 1e-15);
        assertEquals(0.025, HOROWITZ.intMult(1, 8), 1e-15);
        assertEquals(0.025, HOROWITZ.intMult(8, 1), 1e-15);
        assertEquals(0.8, HOROWITZ.intMult(16, 16), 1e-15);
        assertEquals(0.4, HOROWITZ.intMult(8, 16), 1e-15);  // anchored at max(8, 16) = 8
        assertEquals(1.55, HOROWITZ.intMult(16, 32), 1e-15); // anchored at 32
    }

    @Test
    void fpMultIsQuadraticAndMemoryPerBit() {
        assertEquals(0.275, HOROWITZ.fpMult(8), 1e-15);
        assertEquals(14.8, HOROWITZ.fpMult(64), 1e-12);
        assertEquals(1.25, HOROWITZ.sramRead(8), 1e-15);
        assertEquals(20.0, HOROWITZ.dramRead(1), 1e-15);
        assertEquals(80.0, HOROWITZ.dramRead(4), 1e-15);
    }

    @Test
    void widthsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> HOROWITZ.intAdd(0));
        assertThrows(IllegalArgumentException.class, () -> HOROWITZ.intMult(8, -1));
        assertThrows(IllegalArgumentException.class, () -> HOROWITZ.dramRead(0));
    }

    @Test
    void loadUsesTheUsersNumbers(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("7nm.yaml"), SEVEN_NM);
        CostTable table = CostTable.load(yaml);
        assertEquals("made-up-7nm", table.name());
        assertEquals(0.03, table.intAdd(32));
        assertEquals(0.04, table.intMult(8, 8));
        assertEquals(0.01, table.intMult(4, 4));
        assertEquals(0.0025, table.intMult(2, 2), 1e-15); // below the table: anchored at its smallest width, 4
        assertEquals(0.25, table.fpAdd(32));
        assertEquals(1.0, table.fpMult(32));
        assertEquals(1.5, table.sramRead(32));
        assertEquals(200.0, table.dramRead(32)); // a YAML integer is a valid energy
    }

    static Stream<Arguments> malformedTables() {
        return Stream.of(
                Arguments.of("bad width", SEVEN_NM.replace("int_mult: {4: 0.01", "int_mult: {x: 0.01"), 5,
                        "int_mult", "int_mult: bit width must be a positive integer, got 'x'"),
                Arguments.of("zero width", SEVEN_NM.replace("{8: 0.007", "{0: 0.007"), 4,
                        "int_add", "bit width must be a positive integer, got '0'"),
                Arguments.of("fractional width", SEVEN_NM.replace("{16: 0.3", "{16.5: 0.3"), 7,
                        "fp_mult", "bit width must be a positive integer, got '16.5'"),
                Arguments.of("zero energy", SEVEN_NM.replace("32: 0.25", "32: 0"), 6,
                        "fp_add.32", "energy must be a positive number of pJ, got 0"),
                Arguments.of("negative energy", SEVEN_NM.replace("sram_read_32b: 1.5", "sram_read_32b: -1.5"), 8,
                        "sram_read_32b", "got -1.5"),
                Arguments.of("string energy", SEVEN_NM.replace("dram_read_32b: 200", "dram_read_32b: lots"), 9,
                        "dram_read_32b", "got 'lots'"),
                Arguments.of("empty table", SEVEN_NM.replace("{16: 0.1, 32: 0.25}", "{}"), 6,
                        "fp_add", "table is empty"),
                Arguments.of("table not a mapping", SEVEN_NM.replace("{8: 0.007, 32: 0.03}", "0.03"), 4,
                        "int_add", "expected a mapping of bit width to energy"),
                Arguments.of("missing key", SEVEN_NM.replace("sram_read_32b: 1.5\n", ""), 1,
                        "sram_read_32b", "required key is missing"),
                Arguments.of("unknown key", SEVEN_NM + "int_mul: {8: 0.2}\n", 10,
                        "int_mul", "unknown key (expected one of"),
                Arguments.of("other unit", SEVEN_NM.replace("unit: pJ", "unit: nJ"), 3,
                        "unit", "only 'pJ' is supported, got 'nJ'"),
                Arguments.of("duplicate key", SEVEN_NM + "fp_add: {32: 0.3}\n", 10,
                        "fp_add", "duplicate key"),
                Arguments.of("bad YAML", SEVEN_NM.replace("{16: 0.3, 32: 1.0}", "{16: 0.3, 32: 1.0"), 8,
                        "", "YAML syntax error"),
                Arguments.of("not a mapping", "- 8\n- 32\n", 1, "", "a cost table is a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTables")
    void malformedTablesAreLocated(String label, String text, int line, String key, String problem,
            @TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("cost.yaml"), text);
        CostTableException e = assertThrows(CostTableException.class, () -> CostTable.load(yaml));
        assertEquals(yaml.toString(), e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        String prefix = yaml + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ");
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void unreadableAndEmptyFilesNameTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.yaml");
        CostTableException e = assertThrows(CostTableException.class, () -> CostTable.load(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertEquals(0, e.line());

        CostTableException directory = assertThrows(CostTableException.class, () -> CostTable.load(dir));
        assertTrue(directory.getMessage().startsWith(dir + ": cannot read the file"), directory.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing here\n");
        CostTableException blank = assertThrows(CostTableException.class, () -> CostTable.load(empty));
        assertEquals(empty + ": cost table is empty", blank.getMessage());
    }

    @Test
    void constructorRejectsWhatLoadWouldReject() {
        TreeMap<Integer, Double> ok = new TreeMap<>(Map.of(8, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new CostTable("t", "s", new TreeMap<>(), ok, ok, ok, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new CostTable("t", "s", new TreeMap<>(Map.of(0, 1.0)), ok, ok, ok, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new CostTable("t", "s", ok, ok, ok, ok, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CostTable(" ", "s", ok, ok, ok, ok, 1, 1));
        assertThrows(UnsupportedOperationException.class, () -> HOROWITZ.intAdd().put(4, 0.01));
    }
}
