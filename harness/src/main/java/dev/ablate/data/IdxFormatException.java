package dev.ablate.data;

import java.io.IOException;

/**
 * An IDX file (or stream) that is malformed: wrong magic number, unsupported element type, bad
 * dimensions, truncated data, trailing bytes or a corrupt gzip stream. The message starts with the
 * source (file path or resource name) followed by what is wrong, e.g.
 * {@code /data/train-images-idx3-ubyte.gz: truncated: expected 47040000 pixel bytes after the header, found 1024}.
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for the given source.
     *
     * @param source  file path or resource name the data came from
     * @param problem what is wrong with it
     */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    /**
     * Creates an exception for the given source with the underlying cause (e.g. a {@code ZipException}).
     *
     * @param source  file path or resource name the data came from
     * @param problem what is wrong with it
     * @param cause   the low-level failure
     */
    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
