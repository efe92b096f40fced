package dev.ablate.nn;

/**
 * A serialized artifact is truncated, corrupted or of an unknown format. Unchecked so that it passes
 * through Spark closures and lambdas; the artifact store catches it and recomputes the artifact.
 */
public final class CorruptArtifactException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with the values involved */
    public CorruptArtifactException(String message) {
        super(message);
    }

    /** @param message what is wrong; @param cause the underlying failure */
    public CorruptArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
