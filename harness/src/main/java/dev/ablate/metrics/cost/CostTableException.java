package dev.ablate.metrics.cost;

/**
 * A cost table file the user must fix: unreadable, not YAML, a required key missing, an unknown key, a bit
 * width that is not a positive integer, an energy that is not a positive number, or an empty width table.
 * The message reads like a compiler's:
 * {@code cost.yaml:7: int_mult: bit width must be a positive integer, got 'x'}.
 */
public final class CostTableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String key;

    /**
     * @param file    the file as the user named it
     * @param line    1-based line, 0 when the problem has no single place
     * @param key     dotted key of the offending entry ({@code int_mult.8}), empty for the whole file
     * @param problem what is wrong
     */
    CostTableException(String file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** The cost table file the problem is in. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem has no single place (an unreadable file). */
    public int line() {
        return line;
    }

    /** Dotted key of the offending entry ({@code int_mult}, {@code int_mult.8}), empty for the whole file. */
    public String key() {
        return key;
    }
}
