package dev.ablate.run;

import dev.ablate.nn.CorruptArtifactException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Content-addressed stage artifacts under {@code <results>/_artifacts/<key>/}. An
 * artifact is written into a hidden temporary folder and renamed into place, so a reader sees either a
 * complete artifact or none; {@link #getOrCompute} makes every stage idempotent and resumable. When two
 * tasks race to create the same key, the first rename wins and the other's copy is discarded (both hold
 * the same content, being computed from the same key). Safe for concurrent use by threads and processes
 * on one file system.
 */
public final class ArtifactStore {

    /** File name of an artifact's payload. */
    static final String PAYLOAD = "payload.bin";

    private final Path root;

    /** A store rooted at {@code root} (created on first write). */
    public ArtifactStore(Path root) {
        this.root = root;
    }

    /** Decodes a payload; throws {@link CorruptArtifactException} when the bytes are not a valid artifact. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(byte[] bytes) throws CorruptArtifactException;
    }

    /** Computes a value that is not in the store yet. */
    @FunctionalInterface
    public interface Computation<T> {
        T compute() throws Exception;
    }

    /**
     * The value stored under {@code key}, computing and storing it first if it is absent. A stored payload
     * that fails to decode is treated as absent: it is deleted and recomputed.
     *
     * @throws Exception whatever {@code compute} throws (nothing is stored then)
     */
    public <T> T getOrCompute(String key, Decoder<T> decoder, Function<T, byte[]> encoder,
                              Computation<T> compute) throws Exception {
        Path dir = root.resolve(key);
        Path payload = dir.resolve(PAYLOAD);
        if (Files.isRegularFile(payload)) {
            try {
                return decoder.decode(Files.readAllBytes(payload));
            } catch (CorruptArtifactException | NoSuchFileException e) {
                deleteTree(dir);
            }
        }
        T value = compute.compute();
        put(key, encoder.apply(value));
        return value;
    }

    /** Whether a complete artifact exists under {@code key}. */
    public boolean contains(String key) {
        return Files.isRegularFile(root.resolve(key).resolve(PAYLOAD));
    }

    /**
     * The payload stored under {@code key}.
     *
     * @throws UncheckedIOException if there is none or it cannot be read
     */
    public byte[] read(String key) {
        Path payload = root.resolve(key).resolve(PAYLOAD);
        try {
            return Files.readAllBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + payload, e);
        }
    }

    /** Stores {@code bytes} under {@code key} atomically; a concurrent or earlier copy is kept. */
    public void put(String key, byte[] bytes) {
        Path tmp = root.resolve(".tmp-" + key + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            Files.write(tmp.resolve(PAYLOAD), bytes);
            try {
                Files.move(tmp, root.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("the results file system cannot rename atomically: " + root, e);
            } catch (FileSystemException e) {
                // rename(2) onto a non-empty folder fails (ENOTEMPTY, not always a DirectoryNotEmptyException):
                // another task stored this key first, and its copy is as good as ours
                if (!contains(key)) {
                    throw e;
                }
                deleteTree(tmp);
            }
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("cannot store artifact " + key + " under " + root, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
