package dev.ablate.results.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The charts of reports and notebooks, made from plain values. All share one look ({@link PaperStyle}): 720 ×
 * 440 px (a heat map grows with its rows and columns), white, a light grid, sans-serif text, the Okabe–Ito
 * palette and a distinct marker per series, a legend below the plot.
 *
 * <p>The same arguments give the same chart, byte for byte: series keep their given order, points are drawn in
 * order of x (a Pareto chart's groups in order of name, so a technique keeps its colour whatever the row order).
 * A point that an axis cannot show ({@link Axis#plottable}: not finite, or not positive on a log axis) is not
 * drawn and not counted in {@link Chart#plottedPoints()}.
 *
 * <p>Every factory checks its arguments first: it throws {@link IllegalArgumentException} for an id that does
 * not match {@code [a-z0-9-]+}, empty input, duplicate series labels, or a heat-map matrix whose shape differs
 * from its labels; and {@link NullPointerException} for a null argument or element.
 */
public final class Charts {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final String FRONT_LABEL = "Pareto front";
    // heat maps: labels longer than this lose their middle; cells are at least this many px on each side
    private static final int LABEL_CHARS = 24;
    private static final int MIN_CELL = 18;
    // heat maps: px around the plot besides its tick labels and title (padding, tick marks, and on the right
    // the colour scale); a plot at least as tall as that of a 720 × 440 chart
    private static final int HEAT_MAP_SIDES = 140;
    private static final int HEAT_MAP_TOP_BOTTOM = 50;
    private static final int MIN_PLOT_HEIGHT = 320;

    private Charts() {
    }

    /**
     * Lines of means with shaded 95% confidence bands and a marker at each mean, e.g. accuracy against weight bits
     * (one series per format, granularity or method), or against sparsity (one per criterion, schedule or
     * structure). A band spans each run of consecutive points that have an interval ({@code n >= 2}, both ends
     * plottable); a point with an interval between two without one gets an error bar instead.
     *
     * @param id     the chart's id, {@code [a-z0-9-]+}, unique within a report
     * @param title  drawn above the chart; none if blank
     * @param x      the x axis
     * @param y      the y axis; it also shows the intervals
     * @param series the series, not empty, with distinct labels
     * @return the chart
     */
    public static Chart bands(String id, String title, Axis x, Axis y, List<BandSeries> series) {
        checkChart(id, title, x, y);
        checkSeries(series, BandSeries::label);
        List<String> labels = series.stream().map(BandSeries::label).toList();
        List<List<BandPoint>> plotted = series.stream()
                .map(s -> s.points().stream().filter(p -> x.plottable(p.x()) && y.plottable(p.mean()))
                        .sorted(Comparator.comparingDouble(BandPoint::x)).toList())
                .toList();
        List<List<XYPoint>> means = plotted.stream()
                .map(points -> points.stream().map(p -> new XYPoint(p.x(), p.mean())).toList()).toList();
        List<List<String>> tooltips = IntStream.range(0, labels.size())
                .mapToObj(i -> plotted.get(i).stream().map(p -> tooltip(labels.get(i), x, p.x(), y, meanText(p)))
                        .toList())
                .toList();
        Supplier<JFreeChart> figure = () -> {
            XYPlot plot = axes(x, y, means);
            YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
            YIntervalSeriesCollection bars = new YIntervalSeriesCollection();
            BandRenderer bandRenderer = new BandRenderer();
            ErrorBarRenderer barRenderer = new ErrorBarRenderer();
            for (int i = 0; i < plotted.size(); i++) {
                for (List<BandPoint> run : intervalRuns(plotted.get(i), y)) {
                    boolean isolated = run.size() == 1;
                    YIntervalSeriesCollection dataset = isolated ? bars : bands;
                    XYLineAndShapeRenderer renderer = isolated ? barRenderer : bandRenderer;
                    PaperStyle.styleSeries(renderer, dataset.getSeriesCount(), i);
                    dataset.addSeries(intervalSeries(dataset.getSeriesCount(), run));
                }
            }
            plot.setDataset(0, bands);
            plot.setRenderer(0, bandRenderer);
            plot.setDataset(1, bars);
            plot.setRenderer(1, barRenderer);
            drawPoints(plot, 2, labels, means, tooltips, true);
            return PaperStyle.chart(title, plot, true);
        };
        return new Chart(id, title, PaperStyle.WIDTH, PaperStyle.HEIGHT, count(means), figure);
    }

    /**
     * Plain lines with a marker at each point, e.g. training curves (loss or validation accuracy against epoch,
     * one series per stage or trial).
     *
     * @param id     the chart's id, {@code [a-z0-9-]+}, unique within a report
     * @param title  drawn above the chart; none if blank
     * @param x      the x axis
     * @param y      the y axis
     * @param series the series, not empty, with distinct labels
     * @return the chart
     */
    public static Chart lines(String id, String title, Axis x, Axis y, List<LineSeries> series) {
        checkChart(id, title, x, y);
        checkSeries(series, LineSeries::label);
        List<String> labels = series.stream().map(LineSeries::label).toList();
        List<List<XYPoint>> plotted = series.stream()
                .map(s -> s.points().stream().filter(p -> x.plottable(p.x()) && y.plottable(p.y()))
                        .sorted(Comparator.comparingDouble(XYPoint::x)).toList())
                .toList();
        List<List<String>> tooltips = IntStream.range(0, labels.size())
                .mapToObj(i -> plotted.get(i).stream().map(p -> tooltip(labels.get(i), x, p.x(), y, number(p.y())))
                        .toList())
                .toList();
        Supplier<JFreeChart> figure = () -> {
            XYPlot plot = axes(x, y, plotted);
            drawPoints(plot, 0, labels, plotted, tooltips, true);
            return PaperStyle.chart(title, plot, true);
        };
        return new Chart(id, title, PaperStyle.WIDTH, PaperStyle.HEIGHT, count(plotted), figure);
    }

    /**
     * A scatter of every point, each group with its own marker shape and colour and a legend item, and the front
     * (the plottable points with {@code onFront}, in order of x) drawn over them as a step line: from each front
     * point across to the next one's x, then up or down to it. Typically x is a cost on a log axis
     * ({@code model_bytes}, {@code energy_pj}, {@code latency_ms_b1}) and y the accuracy.
     *
     * @param id     the chart's id, {@code [a-z0-9-]+}, unique within a report
     * @param title  drawn above the chart; none if blank
     * @param x      the x axis
     * @param y      the y axis
     * @param points the points, not empty, in any order
     * @return the chart
     */
    public static Chart pareto(String id, String title, Axis x, Axis y, List<ParetoPoint> points) {
        checkChart(id, title, x, y);
        List<ParetoPoint> all = List.copyOf(Objects.requireNonNull(points, "points"));
        if (all.isEmpty()) {
            throw new IllegalArgumentException("points must not be empty");
        }
        List<String> groups = all.stream().map(ParetoPoint::group).distinct().sorted().toList();
        List<ParetoPoint> drawn = all.stream().filter(p -> x.plottable(p.x()) && y.plottable(p.y()))
                .sorted(Comparator.comparingDouble(ParetoPoint::x).thenComparingDouble(ParetoPoint::y)
                        .thenComparing(ParetoPoint::label))
                .toList();
        List<List<ParetoPoint>> members = groups.stream()
                .map(group -> drawn.stream().filter(p -> p.group().equals(group)).toList()).toList();
        List<List<XYPoint>> plotted = members.stream()
                .map(group -> group.stream().map(p -> new XYPoint(p.x(), p.y())).toList()).toList();
        List<List<String>> tooltips = members.stream()
                .map(group -> group.stream()
                        .map(p -> tooltip(p.label().isBlank() ? p.group() : p.label(), x, p.x(), y, number(p.y())))
                        .toList())
                .toList();
        List<XYPoint> steps = steps(drawn.stream().filter(ParetoPoint::onFront).toList());
        Supplier<JFreeChart> figure = () -> {
            XYPlot plot = axes(x, y, plotted);
            drawPoints(plot, 0, groups, plotted, tooltips, false);
            if (!steps.isEmpty()) {
                plot.setDataset(1, new XYSeriesCollection(xySeries(FRONT_LABEL, steps)));
                plot.setRenderer(1, new FrontRenderer());
            }
            return PaperStyle.chart(title, plot, true);
        };
        return new Chart(id, title, PaperStyle.WIDTH, PaperStyle.HEIGHT, count(plotted), figure);
    }

    /**
     * A heat map of a matrix, e.g. per-layer sensitivity (rows = layers, columns = configurations), with a
     * viridis colour scale from the smallest to the largest value and its legend on the right. Row 0 is at the
     * top. A non-finite value leaves its cell blank (and uncounted). Labels longer than 24 characters lose their
     * middle to an ellipsis; column labels are written vertically when they are too wide for their cells. The
     * chart grows beyond 720 × 440 px so that a cell is at least 18 px on each side.
     *
     * @param id           the chart's id, {@code [a-z0-9-]+}, unique within a report
     * @param title        drawn above the chart; none if blank
     * @param rowLabels    one label per row of {@code values}, not empty
     * @param columnLabels one label per column of {@code values}, not empty
     * @param values       the matrix, {@code values[row][column]}; copied
     * @param valueLabel   what the values are, with their unit: the colour scale's title; not blank
     * @return the chart
     */
    public static Chart heatMap(String id, String title, List<String> rowLabels, List<String> columnLabels,
            double[][] values, String valueLabel) {
        checkId(id);
        Objects.requireNonNull(title, "title");
        List<String> rows = List.copyOf(Objects.requireNonNull(rowLabels, "rowLabels"));
        List<String> columns = List.copyOf(Objects.requireNonNull(columnLabels, "columnLabels"));
        if (rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException("rowLabels and columnLabels must not be empty, got " + rows.size()
                    + " rows and " + columns.size() + " columns");
        }
        Objects.requireNonNull(values, "values");
        if (values.length != rows.size()) {
            throw new IllegalArgumentException("values must have one row per row label (" + rows.size() + "), got "
                    + values.length);
        }
        for (int r = 0; r < values.length; r++) {
            Objects.requireNonNull(values[r], "values[" + r + "]");
            if (values[r].length != columns.size()) {
                throw new IllegalArgumentException("values[" + r + "] must have one value per column label ("
                        + columns.size() + "), got " + values[r].length);
            }
        }
        Objects.requireNonNull(valueLabel, "valueLabel");
        if (valueLabel.isBlank()) {
            throw new IllegalArgumentException("valueLabel must not be blank, got '" + valueLabel + "'");
        }

        // the finite cells, row by row, as (x = column, y = row, value); this copies values
        List<double[]> finite = new ArrayList<>();
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                if (Double.isFinite(values[r][c])) {
                    finite.add(new double[] {c, r, values[r][c]});
                }
            }
        }
        List<double[]> cells = List.copyOf(finite);
        List<String> tooltips = cells.stream().map(cell -> rows.get((int) cell[1]) + ", " + columns.get((int) cell[0])
                + "\n" + valueLabel + ": " + number(cell[2])).toList();
        ViridisScale scale = scale(cells.stream().mapToDouble(cell -> cell[2]).toArray());
        String[] rowTicks = rows.stream().map(Charts::shorten).toArray(String[]::new);
        String[] columnTicks = columns.stream().map(Charts::shorten).toArray(String[]::new);

        HeatMapLayout layout = HeatMapLayout.of(title, rowTicks, columnTicks);

        Supplier<JFreeChart> figure = () -> {
            SymbolAxis columnAxis = symbolAxis(columnTicks);
            columnAxis.setVerticalTickLabels(layout.verticalColumnLabels());
            SymbolAxis rowAxis = symbolAxis(rowTicks);
            rowAxis.setInverted(true);
            XYPlot plot = PaperStyle.plot(columnAxis, rowAxis);
            plot.setDomainGridlinesVisible(false);
            plot.setRangeGridlinesVisible(false);
            DefaultXYZDataset dataset = new DefaultXYZDataset();
            double[][] series = new double[3][cells.size()];
            for (int i = 0; i < cells.size(); i++) {
                for (int d = 0; d < 3; d++) {
                    series[d][i] = cells.get(i)[d];
                }
            }
            dataset.addSeries(valueLabel, series);
            plot.setDataset(dataset);
            plot.setRenderer(new CellRenderer(scale, tooltips));
            JFreeChart chart = PaperStyle.chart(title, plot, false);
            chart.addSubtitle(scaleLegend(scale, valueLabel));
            return chart;
        };
        return new Chart(id, title, layout.width(), layout.height(), cells.size(), figure);
    }

    /**
     * The size of a heat map: at least 720 × 440, with room for the title and tick labels around a plot of at least
     * MIN_PLOT_HEIGHT px and MIN_CELL px per cell; and whether the column labels are vertical, as they are when too
     * wide for their cells.
     */
    private record HeatMapLayout(int width, int height, boolean verticalColumnLabels) {

        static HeatMapLayout of(String title, String[] rowTicks, String[] columnTicks) {
            Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            FontMetrics tickMetrics = scratch.getFontMetrics(PaperStyle.TICK_FONT);
            FontMetrics titleMetrics = scratch.getFontMetrics(PaperStyle.TITLE_FONT);
            scratch.dispose();
            int sides = HEAT_MAP_SIDES + maxWidth(tickMetrics, rowTicks);
            int columnTickWidth = maxWidth(tickMetrics, columnTicks);
            boolean vertical = columnTickWidth + 8 > (PaperStyle.WIDTH - sides) / columnTicks.length;
            int width = Math.max(PaperStyle.WIDTH, sides + columnTicks.length * MIN_CELL);
            int titleLines = (int) Math.ceil(titleMetrics.stringWidth(title) / (width - 60.0)); // it wraps
            int height = Math.max(PaperStyle.HEIGHT, HEAT_MAP_TOP_BOTTOM + titleLines * titleMetrics.getHeight()
                    + (vertical ? columnTickWidth : tickMetrics.getHeight())
                    + Math.max(MIN_PLOT_HEIGHT, rowTicks.length * MIN_CELL));
            return new HeatMapLayout(width, height, vertical);
        }

        private static int maxWidth(FontMetrics metrics, String[] texts) {
            int max = 0;
            for (String text : texts) {
                max = Math.max(max, metrics.stringWidth(text));
            }
            return max;
        }
    }

    /** A plot on axes {@code x} and {@code y}, with whole-number ticks on an axis where all points' values are. */
    private static XYPlot axes(Axis x, Axis y, List<List<XYPoint>> points) {
        return PaperStyle.plot(PaperStyle.valueAxis(x, allIntegers(points, XYPoint::x)),
                PaperStyle.valueAxis(y, allIntegers(points, XYPoint::y)));
    }

    private static boolean allIntegers(List<List<XYPoint>> points, ToDoubleFunction<XYPoint> value) {
        return points.stream().flatMap(List::stream).mapToDouble(value).allMatch(v -> v == Math.rint(v));
    }

    private static void checkChart(String id, String title, Axis x, Axis y) {
        checkId(id);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
    }

    private static void checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must match [a-z0-9-]+, got '" + id + "'");
        }
    }

    private static <S> void checkSeries(List<S> series, Function<S, String> label) {
        Objects.requireNonNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must not be empty");
        }
        Set<String> labels = new HashSet<>();
        for (S s : series) {
            String name = label.apply(Objects.requireNonNull(s, "series element"));
            if (!labels.add(name)) {
                throw new IllegalArgumentException("series labels must be unique, got '" + name + "' twice");
            }
        }
    }

    /** The maximal runs of consecutive points with an interval on {@code y}: n >= 2 and both ends plottable. */
    static List<List<BandPoint>> intervalRuns(List<BandPoint> points, Axis y) {
        List<List<BandPoint>> runs = new ArrayList<>();
        List<BandPoint> run = new ArrayList<>();
        for (BandPoint p : points) {
            if (p.n() >= 2 && y.plottable(p.low()) && y.plottable(p.high())) {
                run.add(p);
            } else if (!run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static YIntervalSeries intervalSeries(int key, List<BandPoint> run) {
        YIntervalSeries series = new YIntervalSeries(key, false, true);
        for (BandPoint p : run) {
            series.add(p.x(), p.mean(), p.low(), p.high());
        }
        return series;
    }

    /** The vertices of a step line through {@code front} (sorted by x): across at each point's y to the next x. */
    static List<XYPoint> steps(List<ParetoPoint> front) {
        List<XYPoint> vertices = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            ParetoPoint p = front.get(i);
            if (i > 0) {
                vertices.add(new XYPoint(p.x(), front.get(i - 1).y()));
            }
            vertices.add(new XYPoint(p.x(), p.y()));
        }
        return vertices;
    }

    /** Adds {@code points} as dataset {@code index} of {@code plot}: series i styled as series i, markers titled. */
    private static void drawPoints(XYPlot plot, int index, List<String> labels, List<List<XYPoint>> points,
            List<List<String>> tooltips, boolean lines) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        PointRenderer renderer = new PointRenderer(lines, tooltips);
        for (int i = 0; i < labels.size(); i++) {
            dataset.addSeries(xySeries(labels.get(i), points.get(i)));
            PaperStyle.styleSeries(renderer, i, i);
        }
        plot.setDataset(index, dataset);
        plot.setRenderer(index, renderer);
    }

    private static XYSeries xySeries(String label, List<XYPoint> points) {
        XYSeries series = new XYSeries(label, false, true); // keep our order, allow equal x
        for (XYPoint p : points) {
            series.add(p.x(), p.y());
        }
        return series;
    }

    private static int count(List<List<XYPoint>> series) {
        return series.stream().mapToInt(List::size).sum();
    }

    private static ViridisScale scale(double[] values) {
        double lower = Double.POSITIVE_INFINITY;
        double upper = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lower = Math.min(lower, v);
            upper = Math.max(upper, v);
        }
        if (values.length == 0) {
            return new ViridisScale(0, 1);
        }
        if (lower == upper) { // one colour: the middle of a small range around the value
            double pad = Math.max(Math.abs(lower) * 0.01, 1e-9);
            return new ViridisScale(lower - pad, upper + pad);
        }
        return new ViridisScale(lower, upper);
    }

    private static PaintScaleLegend scaleLegend(ViridisScale scale, String valueLabel) {
        NumberAxis axis = new NumberAxis(valueLabel);
        PaperStyle.styleAxis(axis);
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(14);
        legend.setStripOutlineVisible(false);
        legend.setSubdivisionCount(128);
        legend.setMargin(new RectangleInsets(4, 12, 4, 0));
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }

    private static SymbolAxis symbolAxis(String[] symbols) {
        SymbolAxis axis = new SymbolAxis(null, symbols);
        PaperStyle.styleAxis(axis);
        axis.setGridBandsVisible(false);
        axis.setRange(-0.5, symbols.length - 0.5);
        return axis;
    }

    /** {@code label}, or its first and last characters around an ellipsis when longer than LABEL_CHARS. */
    static String shorten(String label) {
        if (label.length() <= LABEL_CHARS) {
            return label;
        }
        int head = (LABEL_CHARS - 1) / 2;
        int tail = LABEL_CHARS - 1 - head;
        return label.substring(0, head) + "…" + label.substring(label.length() - tail);
    }

    private static String tooltip(String name, Axis x, double xValue, Axis y, String yText) {
        return name + "\n" + x.label() + ": " + number(xValue) + "\n" + y.label() + ": " + yText;
    }

    private static String meanText(BandPoint p) {
        if (p.n() >= 2 && Double.isFinite(p.low()) && Double.isFinite(p.high())) {
            return number(p.mean()) + " (95% CI " + number(p.low()) + " to " + number(p.high()) + ", n = " + p.n()
                    + ")";
        }
        return number(p.mean()) + " (n = " + p.n() + ")";
    }

    /** A value for a tooltip: integers as they are, others to 4 significant digits, without a locale. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (value == Math.rint(value) && magnitude < 1e15) {
            return Long.toString((long) value);
        }
        if (magnitude >= 1e-3 && magnitude < 1e6) {
            return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", value);
    }
}
