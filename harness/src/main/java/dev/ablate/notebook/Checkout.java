package dev.ablate.notebook;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * The Ablate checkout a harness runs from: the folder with the {@code ablate} launcher, {@code results/} and
 * {@code notebooks/}. Found the way the launcher finds itself, from where the code lives: the harness's classes are
 * loaded from {@code harness/target/ablate-harness.jar} (or {@code harness/target/classes} under Maven), and the
 * checkout is the nearest folder above that holds both {@code ablate} and {@code harness/pom.xml}.
 *
 * @param dir the checkout's root folder
 */
public record Checkout(Path dir) {

    /** @throws NullPointerException if {@code dir} is null */
    public Checkout {
        Objects.requireNonNull(dir, "dir");
    }

    /** The checkout that holds {@code location} (a jar or a classes folder), if there is one. */
    public static Optional<Checkout> containing(Path location) {
        for (Path p = location.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("ablate")) && Files.isRegularFile(p.resolve("harness").resolve("pom.xml"))) {
                return Optional.of(new Checkout(p));
            }
        }
        return Optional.empty();
    }

    /** The checkout of the running harness; empty when its jar was copied out of one. */
    public static Optional<Checkout> running() {
        CodeSource code = Checkout.class.getProtectionDomain().getCodeSource();
        if (code == null) {
            return Optional.empty();
        }
        try {
            return containing(Path.of(code.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) { // not a file: URL
            return Optional.empty();
        }
    }

    /** The default results root, {@code results/}. */
    public Path results() {
        return dir.resolve("results");
    }

    /** Where the notebooks are, {@code notebooks/}: Jupyter's working directory. */
    public Path notebooks() {
        return dir.resolve("notebooks");
    }
}
