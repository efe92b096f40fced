package dev.ablate.results;

import dev.ablate.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The spec text behind an experiment's results, kept beside them as {@code <root>/<experiment>/specs/<spec_hash>.yaml}
 * (the hash every trial row records), so a report can show exactly what was run. Written once per distinct text,
 * through a temporary file and an atomic rename ({@link AtomicText}).
 */
public final class SpecArchive {

    private SpecArchive() {
    }

    /** Where the text of the spec with {@code specHash} is kept. */
    public static Path file(ResultsLayout layout, String experiment, String specHash) {
        return layout.root().resolve(experiment).resolve("specs").resolve(specHash + ".yaml");
    }

    /**
     * Keeps the spec's text, unless a copy with its hash is already there.
     *
     * @throws UncheckedIOException if the spec cannot be read or the copy cannot be written
     */
    public static void save(ResultsLayout layout, Spec spec) {
        Path target = file(layout, spec.experiment(), spec.specHash());
        if (Files.exists(target)) {
            return;
        }
        try {
            AtomicText.write(target, Files.readString(spec.source(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the spec " + spec.source() + " under " + target.getParent(), e);
        }
    }

    /** The text of the spec with {@code specHash}, if it was kept. */
    public static Optional<String> read(ResultsLayout layout, String experiment, String specHash) {
        Path f = file(layout, experiment, specHash);
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
