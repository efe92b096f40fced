package dev.ablate.spec;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Loads the one registered {@link Vocabulary} on first use. */
final class InstalledVocabulary {

    static final Vocabulary VOCABULARY = load();

    private InstalledVocabulary() {
    }

    private static Vocabulary load() {
        List<Vocabulary> found = ServiceLoader.load(Vocabulary.class, Vocabulary.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one registered " + Vocabulary.class.getName() + ", found "
                    + found.size() + (found.isEmpty() ? "" : ": " + found.stream()
                    .map(v -> v.getClass().getName()).collect(Collectors.joining(", "))));
        }
        return found.get(0);
    }
}
