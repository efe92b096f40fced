package dev.ablate.notebook;

/**
 * A cell's code threw a checked exception or an error ({@link StackOverflowError}, {@link OutOfMemoryError}, …): the
 * cause, carried as an unchecked exception because Jupyter's kernel base reports only exceptions. Unchecked exceptions
 * a cell throws reach Jupyter as themselves.
 */
public final class CellException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param cause what the cell threw */
    CellException(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }
}
