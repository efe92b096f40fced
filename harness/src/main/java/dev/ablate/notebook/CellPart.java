package dev.ablate.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A piece of a notebook cell, in the order the cell runs. A cell whose first non-blank line is
 * {@code %%name arguments} is one {@link CellMagicCall} whose body is the rest of the cell. Any other cell is Java
 * with line magics between: a line whose first non-blank characters are {@code %name} (a letter after the
 * {@code %}) is a {@link LineMagicCall}; the lines between magics are {@link Code}. A line of a Java text block that
 * starts with {@code %} and a letter would be read as a magic; write such text on one line instead.
 */
sealed interface CellPart {

    /** Java source: statements, declarations and expressions, as JShell takes them. */
    record Code(String source) implements CellPart {
    }

    /** {@code %name arguments}: the arguments as typed, without the blanks around them. */
    record LineMagicCall(String name, String arguments) implements CellPart {
    }

    /** {@code %%name arguments} and the lines after it. */
    record CellMagicCall(String name, String arguments, String body) implements CellPart {
    }

    /** {@code %name} or {@code %%name} at the start of a line, then the arguments. */
    Pattern MAGIC = Pattern.compile("\\s*(%%?)(\\p{Alpha}[\\w-]*)(?:\\s+(.*?))?\\s*");

    /** The parts of {@code cell}, in order; blank code is left out. */
    static List<CellPart> split(String cell) {
        String[] lines = cell.split("\\R", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        List<CellPart> parts = new ArrayList<>();
        if (first < lines.length) {
            Matcher m = MAGIC.matcher(lines[first]);
            if (m.matches() && m.group(1).length() == 2) {
                String body = String.join("\n", List.of(lines).subList(first + 1, lines.length));
                parts.add(new CellMagicCall(m.group(2), arguments(m), body));
                return parts;
            }
        }
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            Matcher m = MAGIC.matcher(line);
            if (m.matches() && m.group(1).length() == 1) {
                addCode(parts, code);
                parts.add(new LineMagicCall(m.group(2), arguments(m)));
            } else {
                code.append(line).append('\n');
            }
        }
        addCode(parts, code);
        return parts;
    }

    private static String arguments(Matcher m) {
        return m.group(3) == null ? "" : m.group(3);
    }

    private static void addCode(List<CellPart> parts, StringBuilder code) {
        if (!code.toString().isBlank()) {
            parts.add(new Code(code.toString()));
        }
        code.setLength(0);
    }
}
