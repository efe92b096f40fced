package dev.ablate.results.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;

/**
 * How every chart looks, so that the figures of one report match: the default size, the fonts, the Okabe–Ito
 * palette, the marker shapes, and the styled chart, plot and axes that {@link Charts} draws on. Series {@code i}
 * of a chart gets {@link #colour(int) colour(i)} and {@link #shape(int) shape(i)}; there are 8 colours and 7
 * shapes, so the first 56 series differ in colour or shape.
 */
final class PaperStyle {

    /** Default chart width, px. */
    static final int WIDTH = 720;
    /** Default chart height, px. */
    static final int HEIGHT = 440;

    // Java's logical sans-serif font, DejaVu Sans on Debian: the layout (label widths, margins) is measured with it
    private static final String FONT = "SansSerif";
    /**
     * The CSS font family of every text in the SVG: the font the layout was measured with, else one as wide
     * (a narrower one leaves more room, a wider one could make labels overlap).
     */
    static final String SVG_FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif";
    static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 18);
    static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
    private static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 13);

    static final Color INK = new Color(0x222222);
    /** The Pareto front's step line: darker than every palette colour but black, which comes last. */
    static final Color FRONT = new Color(0x333333);
    private static final Color AXIS = new Color(0x555555);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color MINOR_GRID = new Color(0xEEEEEE);

    // Okabe & Ito (2008), "Color Universal Design": distinguishable with each common colour-vision deficiency.
    // Ordered so that the first few have the most contrast on white; yellow, the weakest on white, comes last.
    private static final List<Color> PALETTE = List.of(
            new Color(0x0072B2), // blue
            new Color(0xD55E00), // vermillion
            new Color(0x009E73), // bluish green
            new Color(0xCC79A7), // reddish purple
            new Color(0xE69F00), // orange
            new Color(0x56B4E9), // sky blue
            new Color(0x000000), // black
            new Color(0xF0E442)); // yellow
    private static final int SHAPES = 7;
    private static final float MARKER = 4.5f; // half the marker size, px

    /** Series lines: wide enough to tell colours apart in print. */
    static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    /** Confidence-band fill opacity: bands of neighbouring series stay readable where they overlap. */
    static final float BAND_ALPHA = 0.2f;

    static {
        // JFreeChart draws rotated text (the y axis label, vertical tick labels) as a TextLayout, working around
        // a JDK 1.4 bug, and JFreeSVG turns a TextLayout into glyph outlines; plain drawString keeps it SVG text.
        // A JVM-wide switch, and this package is the harness's only JFreeChart user.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private PaperStyle() {
    }

    /** The colour of series {@code index}, cycling through the palette. */
    static Color colour(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    /** A new marker shape for series {@code index}, centred on (0, 0), cycling through 7 shapes. */
    static Shape shape(int index) {
        float s = MARKER;
        return switch (index % SHAPES) {
            case 0 -> new Ellipse2D.Float(-s, -s, 2 * s, 2 * s);
            case 1 -> new Rectangle2D.Float(-0.85f * s, -0.85f * s, 1.7f * s, 1.7f * s);
            case 2 -> ShapeUtils.createUpTriangle(1.1f * s);
            case 3 -> ShapeUtils.createDiamond(1.15f * s);
            case 4 -> ShapeUtils.createDownTriangle(1.1f * s);
            case 5 -> ShapeUtils.createRegularCross(1.1f * s, 0.4f * s);
            default -> ShapeUtils.createDiagonalCross(1.1f * s, 0.3f * s);
        };
    }

    /** Gives series {@code series} of {@code renderer} the colour and marker of series {@code style}. */
    static void styleSeries(XYLineAndShapeRenderer renderer, int series, int style) {
        renderer.setSeriesPaint(series, colour(style));
        renderer.setSeriesFillPaint(series, colour(style));
        renderer.setSeriesShape(series, shape(style));
        renderer.setSeriesStroke(series, LINE);
    }

    /**
     * A value axis for {@code axis}: {@link DecadeAxis logarithmic}, or linear, not forced to include zero (since
     * accuracies sit near 1), with whole-number ticks if {@code integers} (bits, epochs).
     */
    static ValueAxis valueAxis(Axis axis, boolean integers) {
        ValueAxis result;
        if (axis.log()) {
            result = new DecadeAxis(axis.label());
        } else {
            NumberAxis linear = new NumberAxis(axis.label());
            linear.setAutoRangeIncludesZero(false);
            if (integers) {
                linear.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
            result = linear;
        }
        styleAxis(result);
        return result;
    }

    /** Sets the fonts and colours of an axis. */
    static void styleAxis(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(INK);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(INK);
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
    }

    /**
     * An empty plot on the given axes: white, with a light grid (and a lighter one at the minor ticks of a
     * logarithmic axis), drawing datasets and series in index order so that earlier ones lie underneath.
     */
    static XYPlot plot(ValueAxis x, ValueAxis y) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        Stroke grid = new BasicStroke(1f);
        plot.setDomainGridlinePaint(GRID);
        plot.setDomainGridlineStroke(grid);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(grid);
        plot.setDomainMinorGridlinesVisible(x instanceof DecadeAxis);
        plot.setDomainMinorGridlinePaint(MINOR_GRID);
        plot.setDomainMinorGridlineStroke(grid);
        plot.setRangeMinorGridlinesVisible(y instanceof DecadeAxis);
        plot.setRangeMinorGridlinePaint(MINOR_GRID);
        plot.setRangeMinorGridlineStroke(grid);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return plot;
    }

    /** A white chart of {@code plot} with {@code title} on top (none if blank) and, if asked, a legend below. */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(null, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        if (!title.isBlank()) {
            TextTitle text = new TextTitle(title, TITLE_FONT);
            text.setPaint(INK);
            text.setMargin(new RectangleInsets(2, 0, 8, 0));
            chart.setTitle(text);
        }
        if (legend) {
            LegendTitle items = chart.getLegend();
            items.setPosition(RectangleEdge.BOTTOM);
            items.setItemFont(LEGEND_FONT);
            items.setItemPaint(INK);
            items.setFrame(BlockBorder.NONE);
            items.setBackgroundPaint(Color.WHITE);
            items.setMargin(new RectangleInsets(8, 0, 0, 0));
            items.setItemLabelPadding(new RectangleInsets(2, 4, 2, 14));
        }
        return chart;
    }
}
