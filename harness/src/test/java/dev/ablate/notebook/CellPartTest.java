package dev.ablate.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ablate.notebook.CellPart.CellMagicCall;
import dev.ablate.notebook.CellPart.Code;
import dev.ablate.notebook.CellPart.LineMagicCall;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a cell splits into Java and magics: a table of cells and their parts. */
class CellPartTest {

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("1 + 1", List.of(new Code("1 + 1\n"))),
                Arguments.of("%%sql\nSELECT 1\nFROM trials", List.of(new CellMagicCall("sql", "", "SELECT 1\nFROM trials"))),
                Arguments.of("\n  %%sql   --x y  \nSELECT 1", List.of(new CellMagicCall("sql", "--x y", "SELECT 1"))),
                Arguments.of("%%sql", List.of(new CellMagicCall("sql", "", ""))),
                Arguments.of("%results", List.of(new LineMagicCall("results", ""))),
                Arguments.of("  %results ../r  ", List.of(new LineMagicCall("results", "../r"))),
                Arguments.of("int a = 1;\n%sql SELECT 'a  b'\na", List.of(new Code("int a = 1;\n"),
                        new LineMagicCall("sql", "SELECT 'a  b'"), new Code("a\n"))),
                Arguments.of("%results r\n%sql SELECT 1", List.of(new LineMagicCall("results", "r"),
                        new LineMagicCall("sql", "SELECT 1"))),
                // a remainder on a continuation line is Java, not a magic: no letter right after the %
                Arguments.of("int r = 7\n    % 4;", List.of(new Code("int r = 7\n    % 4;\n"))),
                Arguments.of("int x = 1;\n%%sql\nSELECT 1", List.of(new Code("int x = 1;\n%%sql\nSELECT 1\n"))),
                Arguments.of("  \n", List.of()));
    }

    @ParameterizedTest
    @MethodSource("cells")
    void splits(String cell, List<CellPart> parts) {
        assertEquals(parts, CellPart.split(cell));
    }
}
