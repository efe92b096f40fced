package dev.ablate.spec;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The descriptors of every {@link Axis}, supplied by the libraries above the spec package. The spec package
 * stays below them: the harness registers its one implementation as a {@link ServiceLoader} service
 * ({@code META-INF/services/dev.ablate.spec.Vocabulary}), the way a JDBC driver registers itself, so every code
 * path that reads a spec (the CLI, tests, Spark executors) sees the same vocabulary without passing it around.
 */
public interface Vocabulary {

    /** The values of {@code axis}, in documentation order. */
    List<? extends Descriptor> descriptors(Axis axis);

    /** The spellings of {@code axis}'s values, in documentation order. */
    default List<String> names(Axis axis) {
        return descriptors(axis).stream().map(Descriptor::specName).toList();
    }

    /**
     * The descriptor of {@code axis} that accepts {@code value}.
     *
     * @throws IllegalArgumentException naming the axis and its values when none does
     */
    default Descriptor descriptor(Axis axis, String value) {
        for (Descriptor d : descriptors(axis)) {
            if (d.accepts(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown " + axis.path() + " '" + value + "' (valid: "
                + String.join(", ", names(axis)) + ")");
    }

    /**
     * The number format of {@code axis} ({@link Axis#WEIGHT_FORMAT} or {@link Axis#ACTIVATION_FORMAT}) that
     * {@code value} spells.
     *
     * @throws IllegalArgumentException when none does, or the axis holds no number formats
     */
    default NumberFormatDescriptor numberFormat(Axis axis, String value) {
        if (descriptor(axis, value) instanceof NumberFormatDescriptor format) {
            return format;
        }
        throw new IllegalArgumentException(axis.path() + " holds no number formats");
    }

    /**
     * The registered vocabulary.
     *
     * @throws IllegalStateException when no implementation, or more than one, is registered
     */
    static Vocabulary installed() {
        return InstalledVocabulary.VOCABULARY;
    }
}
