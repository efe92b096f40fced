package dev.ablate.results.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/** Properties every chart has, checked on one sample of each kind: determinism, a self-contained SVG, the PNG. */
class ChartTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("bands", (Supplier<Chart>) SampleCharts::bands),
                Arguments.of("lines", (Supplier<Chart>) SampleCharts::lines),
                Arguments.of("pareto", (Supplier<Chart>) SampleCharts::pareto),
                Arguments.of("heat map", (Supplier<Chart>) SampleCharts::heatMap));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sameInputsGiveTheSameBytes(String kind, Supplier<Chart> sample) {
        assertEquals(sample.get().svg(), sample.get().svg(), kind);
    }

    @Test
    void paretoDoesNotDependOnTheOrderOfItsPoints() {
        List<ParetoPoint> points = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 30; i++) {
            points.add(new ParetoPoint("technique " + i % 4, "trial " + i, Math.exp(10 + random.nextDouble() * 4),
                    random.nextDouble(), i % 5 == 0));
        }
        List<ParetoPoint> shuffled = new ArrayList<>(points);
        Collections.shuffle(shuffled, new Random(4));
        Axis x = new Axis("model size (bytes, log scale)", true);
        Axis y = new Axis("accuracy", false);
        assertEquals(Charts.pareto("p", "t", x, y, points).svg(), Charts.pareto("p", "t", x, y, shuffled).svg());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void svgIsOneSelfContainedElement(String kind, Supplier<Chart> sample) {
        Chart chart = sample.get();
        String svg = chart.svg();
        assertTrue(svg.startsWith("<svg"), "no XML prolog");
        Element root = ParsedSvg.parse(svg).root();
        assertEquals("svg", root.getLocalName());
        assertEquals("chart-" + chart.id(), root.getAttribute("id"));
        assertEquals(chart.width(), Double.parseDouble(root.getAttribute("width")));
        assertEquals(chart.height(), Double.parseDouble(root.getAttribute("height")));
        assertEquals(List.of(0.0, 0.0, (double) chart.width(), (double) chart.height()),
                Stream.of(root.getAttribute("viewBox").split(" ")).map(Double::parseDouble).toList());
        assertFalse(svg.contains("<script"), "no script");
        assertFalse(svg.contains("href"), "no links or external images");
        assertFalse(svg.contains("@import") || svg.contains("@font-face"), "no style sheets or web fonts");
        Matcher urls = Pattern.compile("url\\((.)").matcher(svg);
        while (urls.find()) {
            assertEquals("#", urls.group(1), "url() refers inside the document only");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void idsInsideTheSvgAreTheChartsOwn(String kind, Supplier<Chart> sample) {
        Chart chart = sample.get();
        // JFreeSVG's default names its clip paths after the clock; ours after the chart, apart from other charts'
        Matcher ids = Pattern.compile(" id='([^']*)'").matcher(chart.svg());
        int count = 0;
        while (ids.find()) {
            count++;
            assertTrue(ids.group(1).equals("chart-" + chart.id()) || ids.group(1).startsWith("chart-" + chart.id()
                    + "_"), ids.group(1));
        }
        assertTrue(count > 1, "clip paths have ids");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void pngIsTheChartsSize(String kind, Supplier<Chart> sample) throws IOException {
        Chart chart = sample.get();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
        assertNotNull(image, "a PNG ImageIO can read");
        assertEquals(chart.width(), image.getWidth());
        assertEquals(chart.height(), image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(2, 2) & 0xFFFFFF, "white background");
    }

    @Test
    void selectorsAreDistinct() {
        assertEquals(3, Stream.of(Chart.POINT_SELECTOR, Chart.BAND_SELECTOR, Chart.FRONT_SELECTOR).distinct().count());
        assertEquals("g.chart-point", Chart.POINT_SELECTOR);
    }
}
