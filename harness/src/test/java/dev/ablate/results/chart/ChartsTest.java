package dev.ablate.results.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/** What each factory draws, read back from the SVG: points, bands, front, cells, text; and what it rejects. */
class ChartsTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Axis LINEAR_X = new Axis("weight bits (bits)", false);
    private static final Axis LINEAR_Y = new Axis("test accuracy (fraction)", false);
    private static final Axis LOG_X = new Axis("model size (bytes, log scale)", true);
    private static final Axis LOG_Y = new Axis("validation loss (nats, log scale)", true);

    static Stream<Arguments> pointCounts() {
        return Stream.of(
                Arguments.of("bands, all finite", 5, (Supplier<Chart>) () -> Charts.bands("b", "", LINEAR_X, LINEAR_Y,
                        List.of(band("a", 2, 4, 8), band("b", 3, 5)))),
                Arguments.of("bands, NaN mean and infinite x skipped", 2, (Supplier<Chart>) () -> Charts.bands("b",
                        "", LINEAR_X, LINEAR_Y, List.of(new BandSeries("a", List.of(point(2, 0.5), point(4, NAN),
                                point(INF, 0.5), point(8, 0.7), point(NAN, 0.1)))))),
                Arguments.of("bands, log x skips x <= 0", 2, (Supplier<Chart>) () -> Charts.bands("b", "", LOG_X,
                        LINEAR_Y, List.of(band("a", -1, 0, 10, 100)))),
                Arguments.of("lines, all finite", 7, (Supplier<Chart>) () -> Charts.lines("l", "", LINEAR_X, LINEAR_Y,
                        List.of(line("a", 1, 2, 3, 4), line("b", 1, 2, 3)))),
                Arguments.of("lines, NaN and infinite skipped", 2, (Supplier<Chart>) () -> Charts.lines("l", "",
                        LINEAR_X, LINEAR_Y, List.of(new LineSeries("a", List.of(new XYPoint(1, 0.5),
                                new XYPoint(2, NAN), new XYPoint(-INF, 0.3), new XYPoint(3, INF),
                                new XYPoint(4, 0.2)))))),
                Arguments.of("lines, log y skips y <= 0", 1, (Supplier<Chart>) () -> Charts.lines("l", "", LINEAR_X,
                        LOG_Y, List.of(new LineSeries("a", List.of(new XYPoint(1, 0.5), new XYPoint(2, 0),
                                new XYPoint(3, -0.5)))))),
                Arguments.of("lines, a series with nothing plottable", 0, (Supplier<Chart>) () -> Charts.lines("l",
                        "", LINEAR_X, LINEAR_Y, List.of(new LineSeries("a", List.of(new XYPoint(NAN, NAN)))))),
                Arguments.of("pareto, all finite", 4, (Supplier<Chart>) () -> Charts.pareto("p", "", LOG_X, LINEAR_Y,
                        List.of(pareto("ptq", 1e4, 0.8, true), pareto("ptq", 2e4, 0.7, false),
                                pareto("qat", 3e4, 0.9, true), pareto("prune", 5e4, 0.85, false)))),
                Arguments.of("pareto, log x skips x <= 0, NaN y skipped", 1, (Supplier<Chart>) () -> Charts.pareto(
                        "p", "", LOG_X, LINEAR_Y, List.of(pareto("ptq", 0, 0.8, true), pareto("ptq", -5, 0.7, false),
                                pareto("qat", 3e4, NAN, true), pareto("qat", 3e4, 0.9, true)))),
                Arguments.of("heat map, all finite", 6, (Supplier<Chart>) () -> Charts.heatMap("h", "",
                        List.of("r0", "r1"), List.of("c0", "c1", "c2"), new double[][] {{1, 2, 3}, {4, 5, 6}}, "v")),
                Arguments.of("heat map, NaN and infinite blank", 3, (Supplier<Chart>) () -> Charts.heatMap("h", "",
                        List.of("r0", "r1"), List.of("c0", "c1", "c2"), new double[][] {{1, NAN, 3}, {INF, 5, NAN}},
                        "v")),
                Arguments.of("heat map, nothing finite", 0, (Supplier<Chart>) () -> Charts.heatMap("h", "",
                        List.of("r0"), List.of("c0"), new double[][] {{NAN}}, "v")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pointCounts")
    void oneElementPerPlottedPoint(String name, int expected, Supplier<Chart> factory) {
        Chart chart = factory.get();
        assertEquals(expected, chart.plottedPoints(), name);
        ParsedSvg svg = ParsedSvg.parse(chart.svg());
        List<Element> points = svg.select(Chart.POINT_SELECTOR);
        assertEquals(expected, points.size(), name);
        for (Element point : points) {
            assertFalse(svg.inside(point, Chart.POINT_SELECTOR), "point elements do not nest");
            assertEquals(0, point.getElementsByTagNameNS("*", "text").getLength(), "no label inside a point");
            assertEquals(1, point.getElementsByTagNameNS("*", "title").getLength(), "each point has a tooltip");
        }
    }

    @Test
    void bandsSpanRunsOfPointsWithAnIntervalAndAnIsolatedIntervalGetsABar() {
        // n:  5  5  1  5  1  5  5  -> band over x = 1..2, error bar at x = 4, band over x = 6..7
        int[] n = {5, 5, 1, 5, 1, 5, 5};
        List<BandPoint> points = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            points.add(n[i] < 2 ? new BandPoint(i + 1, 0.5, NAN, NAN, n[i]) : new BandPoint(i + 1, 0.5, 0.4, 0.6, n[i]));
        }
        Chart chart = Charts.bands("b", "", LINEAR_X, LINEAR_Y, List.of(new BandSeries("a", points)));
        ParsedSvg svg = ParsedSvg.parse(chart.svg());
        assertEquals(3, svg.count(Chart.BAND_SELECTOR));
        assertEquals(7, svg.count(Chart.POINT_SELECTOR));
        assertEquals(List.of(List.of(1.0, 2.0), List.of(4.0), List.of(6.0, 7.0)),
                Charts.intervalRuns(points, LINEAR_Y).stream().map(run -> run.stream().map(BandPoint::x).toList())
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "one replicate,              1, NaN, NaN, false",
        "two replicates,             2, 0.4, 0.6, true",
        "two replicates but no ends, 2, NaN, NaN, false",
        "infinite end,               3, 0.4, Infinity, false",
        "end below zero on log y,    3, -0.1, 0.6, false"})
    void aBandNeedsTwoReplicatesAndPlottableEnds(String name, int n, double low, double high, boolean drawn) {
        Axis y = name.contains("log") ? LOG_Y : LINEAR_Y;
        List<BandPoint> points = List.of(new BandPoint(1, 0.5, low, high, n), new BandPoint(2, 0.5, low, high, n));
        Chart chart = Charts.bands("b", "", LINEAR_X, y, List.of(new BandSeries("a", points)));
        assertEquals(drawn ? 1 : 0, ParsedSvg.parse(chart.svg()).count(Chart.BAND_SELECTOR), name);
    }

    @Test
    void paretoFrontIsOneStepLineThroughTheFrontInOrderOfX() {
        List<ParetoPoint> points = List.of(pareto("qat", 4e4, 0.9, true), pareto("ptq", 1e4, 0.7, true),
                pareto("ptq", 2e4, 0.6, false), pareto("prune", 2e4, 0.8, true), pareto("qat", 5e4, NAN, true));
        ParsedSvg svg = ParsedSvg.parse(Charts.pareto("p", "", LOG_X, LINEAR_Y, points).svg());
        List<Element> fronts = svg.select(Chart.FRONT_SELECTOR);
        assertEquals(1, fronts.size());
        List<Element> paths = svg.elements("path").stream().filter(p -> svg.inside(p, Chart.FRONT_SELECTOR)).toList();
        assertEquals(1, paths.size());
        // 3 plottable front points: start, then across and up twice
        String d = paths.get(0).getAttribute("d");
        assertEquals(4, d.chars().filter(c -> c == 'L').count(), d);
        assertEquals(List.of(new XYPoint(1e4, 0.7), new XYPoint(2e4, 0.7), new XYPoint(2e4, 0.8),
                new XYPoint(4e4, 0.8), new XYPoint(4e4, 0.9)),
                Charts.steps(List.of(points.get(1), points.get(3), points.get(0))));
        assertTrue(svg.texts().contains("Pareto front"), "the front has a legend item");
    }

    @Test
    void paretoWithoutFrontPointsHasNoFront() {
        Chart chart = Charts.pareto("p", "", LOG_X, LINEAR_Y, List.of(pareto("ptq", 1e4, 0.7, false)));
        ParsedSvg svg = ParsedSvg.parse(chart.svg());
        assertEquals(0, svg.count(Chart.FRONT_SELECTOR));
        assertFalse(svg.texts().contains("Pareto front"));
    }

    @Test
    void heatMapLeavesNonFiniteCellsBlank() {
        Chart chart = Charts.heatMap("h", "", List.of("fc1.weight", "fc2.weight"), List.of("int8", "int4"),
                new double[][] {{0.01, NAN}, {0.02, 0.3}}, "accuracy drop");
        List<String> tooltips = ParsedSvg.parse(chart.svg()).select(Chart.POINT_SELECTOR).stream()
                .map(p -> p.getElementsByTagNameNS("*", "title").item(0).getTextContent()).toList();
        assertEquals(List.of("fc1.weight, int8\naccuracy drop: 0.01", "fc2.weight, int8\naccuracy drop: 0.02",
                "fc2.weight, int4\naccuracy drop: 0.3"), tooltips);
    }

    @Test
    void heatMapShortensLongLabelsAndGrowsWithItsCells() {
        List<String> rows = IntStream.range(0, 40).mapToObj(i -> "features." + i + ".weight")
                .toList();
        List<String> columns = List.of("fp4 e2m1 per-block-32 with stochastic rounding", "int8");
        Chart chart = Charts.heatMap("h", "", rows, columns, new double[40][2], "v");
        assertTrue(chart.height() >= 40 * 18, "height " + chart.height());
        assertEquals(720, chart.width());
        List<String> texts = ParsedSvg.parse(chart.svg()).texts();
        assertTrue(texts.contains("fp4 e2m1 pe…tic rounding"), texts.toString());
        assertTrue(texts.containsAll(rows), "every row labelled");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"short, short", "exactly twenty-four char, exactly twenty-four char",
        "features.5.block.depthwise.weight, features.5.…hwise.weight"})
    void shortenKeepsBothEndsOfALongLabel(String label, String shortened) {
        assertEquals(shortened, Charts.shorten(label));
        assertTrue(shortened.length() <= 24);
    }

    static Stream<Arguments> textOfEachKind() {
        return Stream.of(
                Arguments.of(SampleCharts.bands(), List.of("Fashion-MNIST, LeNet-300-100: accuracy vs weight bits",
                        "weight bits (bits)", "test accuracy (fraction)", "int, per-tensor, PTQ",
                        "int, per-channel, PTQ", "int, per-channel, QAT")),
                Arguments.of(SampleCharts.lines(), List.of("Validation loss during training", "epoch",
                        "validation loss (nats)", "baseline", "QAT 4-bit", "QAT 2-bit", "distilled student")),
                Arguments.of(SampleCharts.pareto(), List.of("Accuracy vs model size (Pareto front)",
                        "model size (bytes, log scale)", "test accuracy (fraction)", "baseline", "ptq", "qat", "prune",
                        "prune+ptq", "Pareto front")),
                Arguments.of(SampleCharts.heatMap(), List.of("accuracy drop (fraction)", "conv1.weight",
                        "classifier.weight", "int8 per-tensor", "50% unstruc…ed magnitude")));
    }

    @ParameterizedTest
    @MethodSource("textOfEachKind")
    void titleAxisLabelsAndLegendAreText(Chart chart, List<String> expected) {
        List<String> texts = ParsedSvg.parse(chart.svg()).texts();
        for (String text : expected) {
            assertTrue(texts.contains(text), "'" + text + "' in " + texts);
        }
    }

    @Test
    void aBlankTitleDrawsNoTitle() {
        Chart chart = Charts.lines("l", " ", LINEAR_X, LINEAR_Y, List.of(line("a", 1, 2)));
        assertEquals(" ", chart.title());
        assertFalse(ParsedSvg.parse(chart.svg()).texts().contains(" "));
    }

    @Test
    void tooltipsGiveTheValues() {
        Chart chart = Charts.bands("b", "", LINEAR_X, LINEAR_Y, List.of(new BandSeries("int4", List.of(
                new BandPoint(4, 0.87312, 0.861, 0.885, 5), new BandPoint(8, 0.9, NAN, NAN, 1)))));
        List<String> tooltips = ParsedSvg.parse(chart.svg()).elements("title").stream().map(Element::getTextContent)
                .toList();
        assertEquals(List.of("int4\nweight bits (bits): 4\ntest accuracy (fraction): 0.8731 (95% CI 0.861 to 0.885, "
                + "n = 5)", "int4\nweight bits (bits): 8\ntest accuracy (fraction): 0.9 (n = 1)"), tooltips);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"4, 4", "-3, -3", "0.87312, 0.8731", "0.5, 0.5", "123456.7, 123500", "1234567.5, 1.235e+06",
        "0.00001234, 1.234e-05"})
    void numbersInTooltips(double value, String text) {
        assertEquals(text, Charts.number(value));
    }

    static Stream<Arguments> badArguments() {
        List<BandSeries> bands = List.of(band("a", 1, 2));
        List<LineSeries> lines = List.of(line("a", 1, 2));
        List<ParetoPoint> points = List.of(pareto("ptq", 1, 1, true));
        List<String> two = List.of("a", "b");
        return Stream.of(
                Arguments.of("id with capitals", "id must match [a-z0-9-]+, got 'Accuracy'",
                        (Executable) () -> Charts.lines("Accuracy", "", LINEAR_X, LINEAR_Y, lines)),
                Arguments.of("id with underscore", "id must match [a-z0-9-]+, got 'a_b'",
                        (Executable) () -> Charts.bands("a_b", "", LINEAR_X, LINEAR_Y, bands)),
                Arguments.of("empty id", "id must match [a-z0-9-]+, got ''",
                        (Executable) () -> Charts.pareto("", "", LINEAR_X, LINEAR_Y, points)),
                Arguments.of("heat map id with space", "id must match [a-z0-9-]+, got 'a b'",
                        (Executable) () -> Charts.heatMap("a b", "", two, two, new double[2][2], "v")),
                Arguments.of("no band series", "series must not be empty",
                        (Executable) () -> Charts.bands("b", "", LINEAR_X, LINEAR_Y, List.of())),
                Arguments.of("no line series", "series must not be empty",
                        (Executable) () -> Charts.lines("l", "", LINEAR_X, LINEAR_Y, List.of())),
                Arguments.of("no pareto points", "points must not be empty",
                        (Executable) () -> Charts.pareto("p", "", LINEAR_X, LINEAR_Y, List.of())),
                Arguments.of("duplicate labels", "series labels must be unique, got 'a' twice",
                        (Executable) () -> Charts.lines("l", "", LINEAR_X, LINEAR_Y, List.of(line("a", 1), line("a", 2)))),
                Arguments.of("band series without points", "points of series 'a' must not be empty",
                        (Executable) () -> new BandSeries("a", List.of())),
                Arguments.of("line series without points", "points of series 'a' must not be empty",
                        (Executable) () -> new LineSeries("a", List.of())),
                Arguments.of("ragged matrix", "values[1] must have one value per column label (2), got 1",
                        (Executable) () -> Charts.heatMap("h", "", two, two, new double[][] {{1, 2}, {3}}, "v")),
                Arguments.of("too few rows", "values must have one row per row label (2), got 1",
                        (Executable) () -> Charts.heatMap("h", "", two, two, new double[][] {{1, 2}}, "v")),
                Arguments.of("no columns", "rowLabels and columnLabels must not be empty, got 2 rows and 0 columns",
                        (Executable) () -> Charts.heatMap("h", "", two, List.of(), new double[2][0], "v")),
                Arguments.of("blank value label", "valueLabel must not be blank, got ' '",
                        (Executable) () -> Charts.heatMap("h", "", two, two, new double[2][2], " ")),
                Arguments.of("blank axis label", "label must not be blank, got ''",
                        (Executable) () -> new Axis("", false)),
                Arguments.of("negative n", "n must be >= 0, got -1",
                        (Executable) () -> new BandPoint(1, 1, NAN, NAN, -1)),
                Arguments.of("interval upside down", "low must be <= high, got [0.6, 0.4]",
                        (Executable) () -> new BandPoint(1, 0.5, 0.6, 0.4, 3)),
                Arguments.of("blank group", "group must not be blank, got ''",
                        (Executable) () -> new ParetoPoint("", "x", 1, 1, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badArgumentsAreRejectedWithTheirValue(String name, String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, name);
        assertEquals(message, e.getMessage());
    }

    private static BandSeries band(String label, double... xs) {
        return new BandSeries(label, Arrays.stream(xs).mapToObj(x -> point(x, 0.5 + x / 100)).toList());
    }

    private static BandPoint point(double x, double mean) {
        return new BandPoint(x, mean, mean - 0.02, mean + 0.02, 3);
    }

    private static LineSeries line(String label, double... xs) {
        return new LineSeries(label, Arrays.stream(xs).mapToObj(x -> new XYPoint(x, x * x)).toList());
    }

    private static ParetoPoint pareto(String group, double x, double y, boolean onFront) {
        return new ParetoPoint(group, group + " at " + x, x, y, onFront);
    }
}
