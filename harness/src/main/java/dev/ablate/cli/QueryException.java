package dev.ablate.cli;

/** A query the user wrote could not run (bad SQL, no results yet); reported in one line, exit code 2. */
final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueryException(String message) {
        super(message);
    }
}
