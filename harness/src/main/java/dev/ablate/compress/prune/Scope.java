package dev.ablate.compress.prune;

import java.util.Arrays;

/**
 * Where the ranking happens ({@code prune.scope}): within each layer, or over the whole network at once. In
 * global scope the layers with their own amount ({@code prune.layers}) are still pruned on their own and leave
 * the global pool.
 */
public enum Scope {
    /** Each weight tensor (or unit layer) is pruned to its own amount. */
    LAYER,
    /** One ranking over all weights (or units) of the layers without an override. */
    GLOBAL;

    /**
     * @throws IllegalArgumentException for a name other than {@code layer} or {@code global}
     */
    public static Scope parse(String name) {
        return switch (name) {
            case "layer" -> LAYER;
            case "global" -> GLOBAL;
            default -> throw new IllegalArgumentException("prune.scope: unknown scope '" + name + "' (valid: "
                    + String.join(", ", Arrays.stream(values()).map(s -> s.name().toLowerCase()).toList()) + ")");
        };
    }
}
