package dev.ablate.compress.quant.format;

/** Running minimum and maximum of the scales a format used, for {@link dev.ablate.compress.quant.QuantizationReport}. */
final class ScaleRange {

    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;

    /** Widens the range with {@code scale}. */
    void add(float scale) {
        min = Math.min(min, scale);
        max = Math.max(max, scale);
    }

    /** Smallest scale added, {@code NaN} if none was. */
    float min() {
        return min <= max ? min : Float.NaN;
    }

    /** Largest scale added, {@code NaN} if none was. */
    float max() {
        return min <= max ? max : Float.NaN;
    }
}
