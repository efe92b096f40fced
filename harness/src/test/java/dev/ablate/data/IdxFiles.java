package dev.ablate.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Raw {@code idx3-ubyte} bytes for {@code count} images of {@code rows x columns} with the given pixels. */
    static byte[] images(int count, int rows, int columns, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(columns).put(pixels);
        return b.array();
    }

    /** Raw {@code idx1-ubyte} bytes for the given labels. */
    static byte[] labels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    /** Deterministic pseudo-random pixels. */
    static byte[] pixels(int n, int seed) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 31 + seed * 17 + (i >> 3));
        }
        return p;
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a tiny gzipped Fashion-MNIST-format set of the four standard files into {@code dir}: 28x28
     * images, {@code trainCount} training and {@code testCount} test examples, labels {@code i % 10}.
     */
    static void writeTinyFashionMnist(Path dir, int trainCount, int testCount, int seed) {
        writeSplit(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, trainCount, seed);
        writeSplit(dir, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, testCount, seed + 1);
    }

    private static void writeSplit(Path dir, String imagesFile, String labelsFile, int count, int seed) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        write(dir.resolve(imagesFile), gzip(images(count, 28, 28, pixels(count * 784, seed))));
        write(dir.resolve(labelsFile), gzip(labels(labels)));
    }
}
