package dev.ablate.results.chart;

/**
 * One x of a {@link BandSeries}: the mean of a metric over replicates (e.g. seeds) and its 95% interval. The
 * interval is drawn only where {@code n >= 2} and both ends are plottable; a point whose x or mean is not
 * plottable (see {@link Axis#plottable}) is not drawn at all.
 *
 * @param x    the x value
 * @param mean the mean over the replicates
 * @param low  lower end of the 95% interval of the mean; {@code NaN} when {@code n < 2}
 * @param high upper end of the 95% interval of the mean; {@code NaN} when {@code n < 2}
 * @param n    number of replicates, at least 0
 * @throws IllegalArgumentException if {@code n < 0}, or {@code low > high}
 */
public record BandPoint(double x, double mean, double low, double high, int n) {

    public BandPoint {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (low > high) {
            throw new IllegalArgumentException("low must be <= high, got [" + low + ", " + high + "]");
        }
    }
}
