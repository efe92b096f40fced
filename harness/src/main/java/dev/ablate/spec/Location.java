package dev.ablate.spec;

/**
 * A 1-based line and column in a spec file.
 *
 * @param line   line number, 0 if unknown
 * @param column column number, 0 if unknown
 */
public record Location(int line, int column) {
    /** For problems that belong to no single place in the file. */
    public static final Location UNKNOWN = new Location(0, 0);
}
