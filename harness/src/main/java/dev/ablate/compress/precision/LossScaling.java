package dev.ablate.compress.precision;

import java.util.Locale;

/** How the loss is scaled before the backward pass, so that small gradients survive a narrow gradient format. */
public enum LossScaling {
    /** No scaling: the factor is 1. */
    NONE,
    /** A constant factor; an overflow is counted but the update goes ahead (Micikevicius et al. 2018, §3.3). */
    STATIC,
    /** A factor adapted to the gradients, with {@code torch.cuda.amp.GradScaler}'s semantics ({@link LossScaler}). */
    DYNAMIC;

    /** The spelling in specs: {@code none}, {@code static}, {@code dynamic}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #specName()}.
     *
     * @throws IllegalArgumentException quoting the spelling and listing the valid ones
     */
    public static LossScaling fromSpec(String spelling) {
        for (LossScaling s : values()) {
            if (s.specName().equals(spelling)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown loss scaling '" + spelling + "' (valid: none, static, dynamic)");
    }
}
