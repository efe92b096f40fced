package dev.ablate.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One value of an {@link Axis}, described by the library that implements it: how a spec spells it, what it is,
 * and which keys of the enclosing object apply only when it is chosen, with their types, ranges and defaults.
 * The spec package builds its schema from descriptors ({@link SpecSchema}); libraries add their own
 * behaviour (a factory, a width) to the descriptor types they define.
 */
public interface Descriptor {

    /**
     * The spelling in a spec, e.g. {@code fp8-e4m3}; a parametric family's display name, e.g. {@code N:M}. (Not
     * {@code name()}, so that an enum can be a descriptor.)
     */
    String specName();

    /** One sentence saying what the value means, for {@code ablate schema} and the documentation. */
    String description();

    /**
     * The keys of the object that holds the axis key which apply only when this value is chosen, in
     * documentation order, with their schema. A key two descriptors of one axis both declare must have the same
     * schema in both. Keys not declared by the chosen value are dropped from a resolved config.
     */
    default Map<String, SchemaNode> keys() {
        return Map.of();
    }

    /**
     * The regular expression of the spellings this descriptor accepts: its {@link #specName()} literally, unless
     * the descriptor is a parametric family (N:M sparsity, {@code fixed<word,frac>}).
     */
    default String pattern() {
        return Pattern.quote(specName());
    }

    /** Whether {@code value} is a spelling of this descriptor. */
    default boolean accepts(String value) {
        return value != null && value.matches(pattern());
    }

    /**
     * Keys in the given order, for {@link #keys()}: {@code keys("bits", bitsNode, "symmetric", symmetricNode)}.
     *
     * @param keyNodePairs alternating key names and their {@link SchemaNode}s
     */
    static Map<String, SchemaNode> keys(Object... keyNodePairs) {
        if (keyNodePairs.length % 2 != 0) {
            throw new IllegalArgumentException("keys come in (name, node) pairs, got " + keyNodePairs.length + " values");
        }
        Map<String, SchemaNode> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyNodePairs.length; i += 2) {
            keys.put((String) keyNodePairs[i], (SchemaNode) keyNodePairs[i + 1]);
        }
        return Collections.unmodifiableMap(keys);
    }
}
