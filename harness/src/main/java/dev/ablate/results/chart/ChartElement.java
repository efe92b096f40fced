package dev.ablate.results.chart;

import java.awt.Graphics2D;
import java.util.Map;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * The marked parts of a chart's SVG: a group {@code <g class="…">} around the drawing of exactly one data point,
 * one confidence interval, or one Pareto front, so that a test or a page can find and count them with a CSS
 * selector ({@link Chart#POINT_SELECTOR}, {@link Chart#BAND_SELECTOR}, {@link Chart#FRONT_SELECTOR}). Grid lines,
 * legend items, series lines and labels are never inside one. Drawing on anything but JFreeSVG ignores them.
 */
enum ChartElement {
    /** One plotted data point (its marker, or its cell in a heat map), titled with its values as a tooltip. */
    POINT("chart-point"),
    /** One confidence band of a series, or the error bar of an isolated point with an interval. */
    BAND("chart-band"),
    /** The step line of a Pareto front. */
    FRONT("chart-front");

    private final String cssClass;

    ChartElement(String cssClass) {
        this.cssClass = cssClass;
    }

    /** The class attribute of this element's group. */
    String cssClass() {
        return cssClass;
    }

    /** The CSS selector that matches this element and nothing else in a chart. */
    String selector() {
        return "g." + cssClass;
    }

    /**
     * Opens the element on {@code g2}; what is drawn until {@link #end} belongs to it.
     *
     * @param tooltip the element's {@code <title>}, or null for none
     */
    void begin(Graphics2D g2, String tooltip) {
        if (g2 instanceof SVGGraphics2D svg) {
            svg.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, Map.of("class", cssClass));
            if (tooltip != null) {
                svg.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, tooltip);
            }
        }
    }

    /** Closes the element opened by the last {@link #begin} on {@code g2}. */
    void end(Graphics2D g2) {
        if (g2 instanceof SVGGraphics2D svg) {
            svg.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
        }
    }
}
