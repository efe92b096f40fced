package dev.ablate.results.chart;

/**
 * One point of a {@link LineSeries}. A point with a coordinate its axis cannot show (see {@link Axis#plottable})
 * is not drawn.
 *
 * @param x the x value
 * @param y the y value
 */
public record XYPoint(double x, double y) {
}
