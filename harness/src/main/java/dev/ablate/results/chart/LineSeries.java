package dev.ablate.results.chart;

import java.util.List;
import java.util.Objects;

/**
 * A line of a {@link Charts#lines} chart, e.g. one stage's validation accuracy per epoch.
 *
 * @param label  the series' name in the legend; unique within a chart
 * @param points the points, in any order (the line joins them in order of x); not empty
 * @throws IllegalArgumentException if {@code points} is empty
 */
public record LineSeries(String label, List<XYPoint> points) {

    public LineSeries {
        Objects.requireNonNull(label, "label");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points of series '" + label + "' must not be empty");
        }
    }
}
