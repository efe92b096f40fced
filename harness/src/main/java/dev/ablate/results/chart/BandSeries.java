package dev.ablate.results.chart;

import java.util.List;
import java.util.Objects;

/**
 * A line with its confidence band in a {@link Charts#bands} chart, e.g. accuracy against weight bits of one
 * quantization format.
 *
 * @param label  the series' name in the legend; unique within a chart
 * @param points the points, in any order (the line joins them in order of x); not empty
 * @throws IllegalArgumentException if {@code points} is empty
 */
public record BandSeries(String label, List<BandPoint> points) {

    public BandSeries {
        Objects.requireNonNull(label, "label");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points of series '" + label + "' must not be empty");
        }
    }
}
