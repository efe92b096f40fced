package dev.ablate.data;

/**
 * A dataset's source data could not be found or fetched. Unchecked because nothing in a run can recover
 * from it; the message is written for the user and says which places were searched and exactly how to
 * make the data available.
 */
public final class DatasetUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was searched and how to get the data
     * @param cause   the last low-level failure (e.g. the download error), or {@code null}
     */
    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
