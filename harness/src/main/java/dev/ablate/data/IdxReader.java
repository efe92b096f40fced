package dev.ablate.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format) straight into primitive arrays: {@code idx3-ubyte}
 * images become float32 pixels in {@code [0, 1]} ({@code byte / 255f}) and {@code idx1-ubyte} labels
 * become ints. Gzip-compressed input is detected by its magic bytes ({@code 1f 8b}), so {@code .gz} and
 * plain files are both accepted whatever their names.
 *
 * <p>Format: a big-endian header {@code 00 00 <type> <ndims>} followed by {@code ndims} big-endian int32
 * dimensions and the data. Only element type {@code 0x08} (unsigned byte) is supported; images must
 * have 3 dimensions {@code [count, rows, columns]} and labels 1 dimension {@code [count]}.
 *
 * <p>Unlike Tribuo's {@code IDXDataSource}, which builds one object per pixel, this reader streams the
 * decompressed bytes through a 64 KiB buffer into one {@code float[]}; Fashion-MNIST's 60,000 training
 * images take a few hundred milliseconds.
 *
 * <p>Every method throws {@link IdxFormatException} (an {@link IOException}) naming the source and what
 * is wrong when the data is malformed or truncated, and plain {@link IOException}s for I/O failures.
 */
public final class IdxReader {

    /** Magic number of an {@code idx3-ubyte} file: unsigned bytes, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an {@code idx1-ubyte} file: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;
    // An array of this many elements is the largest every JVM will allocate.
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final float[] PIXEL_VALUE = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            PIXEL_VALUE[b] = b / 255f;
        }
    }

    /**
     * Images read from an {@code idx3-ubyte} file.
     *
     * @param count   number of images
     * @param rows    image height
     * @param columns image width
     * @param pixels  {@code count * rows * columns} values in {@code [0, 1]}, image-major then row-major
     */
    public record Images(int count, int rows, int columns, float[] pixels) {
        /** Checks that {@code pixels} holds exactly {@code count * rows * columns} values. */
        public Images {
            if ((long) count * rows * columns != pixels.length) {
                throw new IllegalArgumentException(count + " images of " + rows + "x" + columns
                        + " need " + (long) count * rows * columns + " pixels, got " + pixels.length);
            }
        }
    }

    private IdxReader() {
    }

    /**
     * Reads an {@code idx3-ubyte} image file, gzip-compressed or not.
     *
     * @param file the file
     * @return the images
     * @throws IdxFormatException if the file is not a well-formed unsigned-byte 3-D IDX file
     * @throws IOException        if it cannot be read
     */
    public static Images readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        }
    }

    /**
     * Reads {@code idx3-ubyte} images from a stream, gzip-compressed or not. The stream is read to its end
     * but not closed.
     *
     * @param in     the stream
     * @param source name of the stream's origin, used in error messages
     * @return the images
     * @throws IdxFormatException if the data is not a well-formed unsigned-byte 3-D IDX stream
     * @throws IOException        if it cannot be read
     */
    public static Images readImages(InputStream in, String source) throws IOException {
        try {
            InputStream data = decompressed(in, source);
            int[] dims = readHeader(data, source, IMAGES_MAGIC, 3);
            long total = (long) dims[0] * dims[1] * dims[2];
            if (total > MAX_ELEMENTS) {
                throw new IdxFormatException(source, dims[0] + " images of " + dims[1] + "x" + dims[2]
                        + " are " + total + " pixels, more than a Java array holds");
            }
            float[] pixels = new float[(int) total];
            byte[] buffer = new byte[BUFFER];
            int filled = 0;
            while (filled < pixels.length) {
                int n = data.read(buffer, 0, Math.min(buffer.length, pixels.length - filled));
                if (n < 0) {
                    throw new IdxFormatException(source, "truncated: expected " + total
                            + " pixel bytes after the header (" + dims[0] + " images of " + dims[1] + "x" + dims[2]
                            + "), found " + filled);
                }
                for (int i = 0; i < n; i++) {
                    pixels[filled + i] = PIXEL_VALUE[buffer[i] & 0xFF];
                }
                filled += n;
            }
            requireEnd(data, source, total + " pixel bytes");
            return new Images(dims[0], dims[1], dims[2], pixels);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads an {@code idx1-ubyte} label file, gzip-compressed or not.
     *
     * @param file the file
     * @return one label (0–255) per example
     * @throws IdxFormatException if the file is not a well-formed unsigned-byte 1-D IDX file
     * @throws IOException        if it cannot be read
     */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        }
    }

    /**
     * Reads {@code idx1-ubyte} labels from a stream, gzip-compressed or not. The stream is read to its end
     * but not closed.
     *
     * @param in     the stream
     * @param source name of the stream's origin, used in error messages
     * @return one label (0–255) per example
     * @throws IdxFormatException if the data is not a well-formed unsigned-byte 1-D IDX stream
     * @throws IOException        if it cannot be read
     */
    public static int[] readLabels(InputStream in, String source) throws IOException {
        try {
            InputStream data = decompressed(in, source);
            int count = readHeader(data, source, LABELS_MAGIC, 1)[0];
            byte[] bytes = data.readNBytes(count);
            if (bytes.length < count) {
                throw new IdxFormatException(source, "truncated: expected " + count
                        + " label bytes after the header, found " + bytes.length);
            }
            requireEnd(data, source, count + " label bytes");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream decompressed(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 < 0) {
            throw new IdxFormatException(source, "empty file, expected an IDX header");
        }
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    private static int[] readHeader(InputStream in, String source, int expectedMagic, int expectedDims)
            throws IOException {
        int headerBytes = 4 + 4 * expectedDims;
        byte[] header = in.readNBytes(headerBytes);
        if (header.length >= 4) {
            int magic = bigEndianInt(header, 0);
            if (magic != expectedMagic) {
                throw new IdxFormatException(source, String.format(
                        "bad magic number 0x%08X, expected 0x%08X (%s: unsigned bytes, %d dimension%s)%s",
                        magic, expectedMagic, expectedDims == 3 ? "idx3-ubyte images" : "idx1-ubyte labels",
                        expectedDims, expectedDims == 1 ? "" : "s", describeMagic(magic)));
            }
        }
        if (header.length < headerBytes) {
            throw new IdxFormatException(source, "truncated header: " + header.length
                    + " bytes, an IDX file with " + expectedDims + " dimension(s) needs " + headerBytes);
        }
        int[] dims = new int[expectedDims];
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = bigEndianInt(header, 4 + 4 * d);
            boolean mayBeZero = d == 0;
            if (dims[d] < 0 || (!mayBeZero && dims[d] == 0)) {
                throw new IdxFormatException(source, "bad dimension " + d + ": " + Integer.toUnsignedString(dims[d])
                        + (mayBeZero ? " (must be >= 0)" : " (must be > 0)"));
            }
        }
        return dims;
    }

    private static String describeMagic(int magic) {
        if ((magic >>> 16) != 0) {
            return "; the first two bytes must be zero, so this is not an IDX file";
        }
        int type = (magic >>> 8) & 0xFF;
        int dims = magic & 0xFF;
        String typeNote = type == UNSIGNED_BYTE ? "" : String.format("; element type 0x%02X is not supported", type);
        return typeNote + "; the file has " + dims + " dimension(s)";
    }

    private static void requireEnd(InputStream in, String source, String what) throws IOException {
        if (in.read() >= 0) {
            long extra = 1 + in.transferTo(java.io.OutputStream.nullOutputStream());
            throw new IdxFormatException(source, extra + " trailing byte(s) after the header and " + what
                    + "; the dimensions do not match the data");
        }
    }

    private static int bigEndianInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }
}
