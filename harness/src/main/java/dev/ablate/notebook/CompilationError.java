package dev.ablate.notebook;

/**
 * A cell's Java did not compile, or stopped before it was complete. The message is what the compiler said, short:
 * each error with the line it is on and a caret under where.
 */
public final class CompilationError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the diagnostics, one or more lines */
    CompilationError(String message) {
        super(message, null, false, false); // the kernel's frames say nothing about the user's code
    }
}
