package dev.ablate.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lowercase hex, the form every fingerprint and checksum in this package uses. */
final class Sha256 {

    private Sha256() {
    }

    /** A fresh SHA-256 digest; every JVM is required to provide one. */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without SHA-256", e);
        }
    }

    /** Hex of the digest's current value (resets it). */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Hex SHA-256 of everything left in a stream (not closed). */
    static String ofStream(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return hex(digest);
    }

    /** Hex SHA-256 of a file's bytes. */
    static String ofFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ofStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }
}
