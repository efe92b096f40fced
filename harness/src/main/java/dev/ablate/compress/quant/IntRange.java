package dev.ablate.compress.quant;

/**
 * The integer codes a quantizer may produce, {@code [min, max]} inclusive (torch's {@code quant_min},
 * {@code quant_max}).
 *
 * @param min smallest code
 * @param max largest code, greater than {@code min}
 */
public record IntRange(int min, int max) {
    public IntRange {
        if (min >= max) {
            throw new IllegalArgumentException("integer range needs min < max, got [" + min + ", " + max + "]");
        }
    }

    /** Whether {@code code} lies in the range. */
    public boolean contains(long code) {
        return code >= min && code <= max;
    }
}
