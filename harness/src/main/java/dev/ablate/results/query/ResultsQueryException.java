package dev.ablate.results.query;

/**
 * A query over the results could not run because of what was asked, not because of a fault: SQL that does not
 * parse or names an unknown view, column or function, or a results root with nothing in it yet. The message is one
 * line that says what is wrong and, for SQL, where (line and column).
 */
public final class ResultsQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong and where */
    public ResultsQueryException(String message) {
        super(message);
    }
}
