package dev.ablate.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void imagesRoundTripToScaledFloats(boolean gzip) throws Exception {
        byte[] pixels = IdxFiles.pixels(3 * 4 * 5, 7);
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        pixels[2] = (byte) 128;
        byte[] raw = IdxFiles.images(3, 4, 5, pixels);
        Path file = IdxFiles.write(dir.resolve("images"), gzip ? IdxFiles.gzip(raw) : raw);

        IdxReader.Images images = IdxReader.readImages(file);

        assertEquals(3, images.count());
        assertEquals(4, images.rows());
        assertEquals(5, images.columns());
        assertEquals(60, images.pixels().length);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals((pixels[i] & 0xFF) / 255f, images.pixels()[i], "pixel " + i);
        }
        assertEquals(0f, images.pixels()[0]);
        assertEquals(1f, images.pixels()[1]);
        assertEquals(128 / 255f, images.pixels()[2]);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void labelsRoundTrip(boolean gzip) throws Exception {
        int[] labels = {0, 9, 3, 255, 1};
        byte[] raw = IdxFiles.labels(labels);
        Path file = IdxFiles.write(dir.resolve("labels.gz"), gzip ? IdxFiles.gzip(raw) : raw);

        assertArrayEquals(labels, IdxReader.readLabels(file));
    }

    @Test
    void zeroImagesIsAnEmptyFile() throws Exception {
        Path file = IdxFiles.write(dir.resolve("empty-images"), IdxFiles.images(0, 28, 28, new byte[0]));
        IdxReader.Images images = IdxReader.readImages(file);
        assertEquals(0, images.count());
        assertEquals(0, images.pixels().length);
    }

    static Stream<Arguments> malformedImages() {
        byte[] good = IdxFiles.images(2, 3, 3, IdxFiles.pixels(18, 1));
        byte[] badMagic = good.clone();
        badMagic[3] = 0x01;
        byte[] floatType = good.clone();
        floatType[2] = 0x0D;
        byte[] notIdx = good.clone();
        notIdx[0] = 0x42;
        byte[] zeroRows = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(1).putInt(0).putInt(3).array();
        byte[] negative = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(-5).putInt(3).putInt(3).array();
        byte[] huge = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(100000).putInt(1000).putInt(1000).array();
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        byte[] gz = IdxFiles.gzip(good);
        return Stream.of(
                Arguments.of("bad-magic", badMagic, "bad magic number 0x00000801"),
                Arguments.of("float-type", floatType, "element type 0x0D is not supported"),
                Arguments.of("not-idx", notIdx, "not an IDX file"),
                Arguments.of("short-header", Arrays.copyOf(good, 10), "truncated header: 10 bytes"),
                Arguments.of("truncated-data", Arrays.copyOf(good, good.length - 5), "truncated: expected 18 pixel bytes"),
                Arguments.of("zero-rows", zeroRows, "bad dimension 1: 0"),
                Arguments.of("negative-count", negative, "bad dimension 0"),
                Arguments.of("too-large", huge, "more than a Java array holds"),
                Arguments.of("trailing", trailing, "3 trailing byte(s)"),
                Arguments.of("truncated-gzip", Arrays.copyOf(gz, gz.length - 12), "corrupt or truncated gzip stream"),
                Arguments.of("empty", new byte[0], "empty file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedImages")
    void malformedImageFilesAreRejectedNamingFileAndProblem(String name, byte[] content, String problem) {
        Path file = IdxFiles.write(dir.resolve(name + ".idx"), content);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), () -> "expected '" + problem + "' in: " + e.getMessage());
    }

    @Test
    void labelsFileReadAsImagesIsRejected() {
        Path file = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(1, 2, 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
    }

    @Test
    void truncatedLabelsAreRejected() {
        byte[] good = IdxFiles.labels(1, 2, 3, 4);
        Path file = IdxFiles.write(dir.resolve("short-labels"), Arrays.copyOf(good, good.length - 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("short-labels: truncated: expected 4 label bytes after the header, found 2"),
                e.getMessage());
    }

    @Test
    void streamSourceNameAppearsInErrors() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readLabels(new java.io.ByteArrayInputStream(new byte[] {0, 0, 8}), "resource:x"));
        assertTrue(e.getMessage().startsWith("resource:x: truncated header"), e.getMessage());
    }
}
