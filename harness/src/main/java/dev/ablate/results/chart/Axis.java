package dev.ablate.results.chart;

import java.util.Objects;

/**
 * An axis of an XY chart.
 *
 * @param label what the axis shows, with its unit, e.g. {@code "model size (bytes, log scale)"}; not blank
 * @param log   whether the axis is logarithmic (base 10)
 * @throws IllegalArgumentException if {@code label} is blank
 */
public record Axis(String label, boolean log) {

    public Axis {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank, got '" + label + "'");
        }
    }

    /** Whether {@code value} can be drawn on this axis: finite and, on a logarithmic axis, positive. */
    public boolean plottable(double value) {
        return Double.isFinite(value) && (!log || value > 0);
    }
}
