package dev.ablate.spec;

/**
 * A problem with a spec that the user must fix: malformed YAML, an unknown key, a value of the wrong type
 * or out of range, an empty sweep. The message reads like a compiler's:
 * {@code quickstart.yaml:12:5: sweep.grid: unknown key 'compress.quantise.bits' (did you mean ...?)}.
 * The CLI prints it alone and exits with code 2.
 */
public final class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String keyPath;
    private final String problem;

    /**
     * @param file     the spec's file name as the user gave it
     * @param location where in the file ({@link Location#UNKNOWN} if nowhere in particular)
     * @param keyPath  dotted key path of the offending entry, or empty for the document itself
     * @param problem  what is wrong, and what would be right
     */
    public SpecException(String file, Location location, String keyPath, String problem) {
        super(format(file, location, keyPath, problem));
        this.file = file;
        this.line = location.line();
        this.column = location.column();
        this.keyPath = keyPath;
        this.problem = problem;
    }

    private static String format(String file, Location location, String keyPath, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (location.line() > 0) {
            sb.append(':').append(location.line()).append(':').append(location.column());
        }
        sb.append(": ");
        if (!keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The spec file the problem is in. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem has no single place. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when the problem has no single place. */
    public int column() {
        return column;
    }

    /** Dotted path of the offending key ({@code sweep.grid.model.hidden}), empty for the whole document. */
    public String keyPath() {
        return keyPath;
    }

    /** The problem without the location prefix. */
    public String problem() {
        return problem;
    }
}
