package dev.ablate.compress.quant;

import java.util.Locale;

/** How a value that falls between two representable grid points is rounded. */
public enum Rounding {
    /** To the nearest grid point, ties to the even one (IEEE default, {@code Math.rint}). */
    NEAREST_EVEN,
    /**
     * Up with probability equal to the distance from the lower grid point (in units of the grid step), else
     * down: unbiased in expectation (Gupta et al. 2015). Draws come from a seeded generator, so results are
     * reproducible.
     */
    STOCHASTIC;

    /** The spelling in specs and results: {@code nearest-even}, {@code stochastic}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #specName()}. */
    public static Rounding fromSpec(String s) {
        for (Rounding r : values()) {
            if (r.specName().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rounding '" + s + "' (valid: nearest-even, stochastic)");
    }
}
