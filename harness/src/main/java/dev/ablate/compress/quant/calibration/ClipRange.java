package dev.ablate.compress.quant.calibration;

/**
 * The range of real values an observer chose to represent; values outside it are clipped.
 *
 * @param min lower end, finite
 * @param max upper end, finite and not below {@code min}
 */
public record ClipRange(float min, float max) {
    public ClipRange {
        if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
            throw new IllegalArgumentException("clipping range needs finite min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** The range {@code [-c, c]} of the symmetric schemes. */
    public static ClipRange symmetric(float c) {
        return new ClipRange(-c, c);
    }
}
