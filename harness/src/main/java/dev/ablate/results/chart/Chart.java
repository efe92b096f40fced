package dev.ablate.results.chart;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.ViewBox;

/**
 * A rendered chart, made by {@link Charts}: an immutable value holding its SVG, computed once, and able to draw
 * the same figure as a PNG on request.
 *
 * <p>The SVG is deterministic (the same inputs give the same bytes) and self-contained (no scripts, no external
 * references, no web fonts: its text asks for the installed DejaVu Sans, else Verdana, else any sans-serif), so a
 * report can inline it in an offline HTML file; its text stays text, which a page can search.
 * Its parts can be found with CSS selectors: {@link #POINT_SELECTOR} matches exactly one element per plotted
 * data point, and nothing else; {@link #BAND_SELECTOR} one per drawn confidence interval; {@link #FRONT_SELECTOR}
 * the Pareto front's line. Each point element has a {@code <title>} with its values, which a browser shows as a
 * tooltip.
 */
public final class Chart {

    /** CSS selector that matches exactly one element per plotted data point inside {@link #svg()}. */
    public static final String POINT_SELECTOR = ChartElement.POINT.selector();
    /** CSS selector that matches one element per confidence band (or isolated error bar) inside {@link #svg()}. */
    public static final String BAND_SELECTOR = ChartElement.BAND.selector();
    /** CSS selector that matches the step line of a Pareto chart's front (no element in other charts). */
    public static final String FRONT_SELECTOR = ChartElement.FRONT.selector();

    // the SVG's geometry in 1/100 px: finer than any screen or print, and half the size of full precision
    private static final double GEOMETRY_RESOLUTION = 100;

    private final String id;
    private final String title;
    private final int width;
    private final int height;
    private final int plottedPoints;
    private final Supplier<JFreeChart> figure;
    private final String svg;

    /**
     * Renders the SVG. The caller ({@link Charts}) has checked the arguments.
     *
     * @param plottedPoints the number of data points {@code figure} draws
     * @param figure        builds a new, identical JFreeChart on each call (JFreeChart objects are mutable, and
     *                      drawing one changes its state, so none is kept)
     * @throws IllegalStateException if the figure draws a different number of point elements
     */
    Chart(String id, String title, int width, int height, int plottedPoints, Supplier<JFreeChart> figure) {
        this.id = id;
        this.title = title;
        this.width = width;
        this.height = height;
        this.plottedPoints = plottedPoints;
        this.figure = figure;
        this.svg = renderSvg();
    }

    private String renderSvg() {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // JFreeSVG's default prefix for clip-path ids is time-based; ids never contain '_', so this prefix also
        // keeps two charts' clip paths apart when a report inlines both
        g2.setDefsKeyPrefix(svgId() + "_");
        g2.setFontFunction(family -> PaperStyle.SVG_FONT_FAMILY);
        g2.setGeomDoubleConverter(v -> SVGUtils.doubleToString(Math.rint(v * GEOMETRY_RESOLUTION)
                / GEOMETRY_RESOLUTION + 0.0)); // + 0.0: no "-0.0"
        figure.get().draw(g2, new Rectangle(width, height));
        String result = g2.getSVGElement(svgId(), true, new ViewBox(0, 0, width, height), null, null);
        int drawn = countOccurrences(result, "class='" + ChartElement.POINT.cssClass() + "'");
        if (drawn != plottedPoints) {
            throw new IllegalStateException("chart '" + id + "' drew " + drawn + " point elements for "
                    + plottedPoints + " plotted points");
        }
        return result;
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private String svgId() {
        return "chart-" + id;
    }

    /** The chart's id, matching {@code [a-z0-9-]+}, e.g. {@code "accuracy-vs-bits"}; unique within a report. */
    public String id() {
        return id;
    }

    /** The title drawn above the chart (none when blank). */
    public String title() {
        return title;
    }

    /**
     * A complete {@code <svg>} element, without an XML prolog, with {@code width}, {@code height} and
     * {@code viewBox} set and {@code id="chart-" + id()}.
     */
    public String svg() {
        return svg;
    }

    /** The number of data points drawn: the elements {@link #POINT_SELECTOR} matches in {@link #svg()}. */
    public int plottedPoints() {
        return plottedPoints;
    }

    /** Width, px. */
    public int width() {
        return width;
    }

    /** Height, px. */
    public int height() {
        return height;
    }

    /** A PNG of the same chart, {@link #width()} × {@link #height()} px, drawn anew on each call. */
    public byte[] png() {
        BufferedImage image = figure.get().createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the PNG of chart '" + id + "' to memory", e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Chart[id=" + id + ", title=" + title + ", " + width + "x" + height + ", plottedPoints="
                + plottedPoints + "]";
    }
}
