package dev.ablate.results.chart;

import java.util.Objects;

/**
 * One trial (or sweep point) of a {@link Charts#pareto} chart. A point with a coordinate its axis cannot show
 * (see {@link Axis#plottable}) is not drawn, nor is it part of the front line.
 *
 * @param group   the technique, e.g. {@code "prune+ptq"}: its own marker shape and colour, and a legend item; not
 *                blank
 * @param label   the point's tooltip, e.g. its sweep point; may be empty
 * @param x       the x value, typically a cost (model bytes, energy, latency)
 * @param y       the y value, typically a quality (accuracy)
 * @param onFront whether the point is on the Pareto front (see {@code dev.ablate.results.pareto})
 * @throws IllegalArgumentException if {@code group} is blank
 */
public record ParetoPoint(String group, String label, double x, double y, boolean onFront) {

    public ParetoPoint {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        if (group.isBlank()) {
            throw new IllegalArgumentException("group must not be blank, got '" + group + "'");
        }
    }
}
