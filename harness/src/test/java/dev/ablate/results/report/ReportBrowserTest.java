package dev.ablate.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.cli.AblateCli;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.chart.Chart;
import dev.ablate.results.query.DuckDbEngine;
import dev.ablate.testing.Chromium;
import dev.ablate.testing.HeadlessChromium;
import dev.ablate.testing.Page;
import dev.ablate.testing.QuickstartFixture;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a person sees: {@code ablate report quickstart} opened in headless Chromium shows no console error, requests
 * nothing, has every expected chart with as many plotted points as the data has, and is written as a screenshot to
 * {@code target/report/quickstart.png} for people to look at.
 */
@ExtendWith(Chromium.class)
class ReportBrowserTest {

    @Test
    void theQuickstartReportShowsEveryChartAndNothingElseLoads(HeadlessChromium browser) throws Exception {
        Path results = QuickstartFixture.results();
        Path html = Path.of("target", "report", "quickstart.html").toAbsolutePath();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AblateCli.execute(new PrintWriter(out), new PrintWriter(err), "report", "quickstart", "--results",
                results.toString(), "-o", html.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("Report: " + html), out.toString());

        List<Chart> expected;
        try (DuckDbEngine engine = DuckDbEngine.open(new ResultsLayout(results))) {
            expected = ReportBuilder.build(engine, new ResultsLayout(results), "quickstart").charts();
        }
        Page page = browser.open(html);
        assertEquals(List.of(), page.consoleErrors());
        assertEquals(List.of(), page.requests());
        assertEquals((long) expected.size(), page.eval("return document.querySelectorAll('figure.chart svg').length;"));
        for (Chart c : expected) {
            Object drawn = page.eval("return document.querySelectorAll('#chart-" + c.id() + " " + Chart.POINT_SELECTOR
                    + "').length;");
            assertEquals((long) c.plottedPoints(), drawn, c.id());
            Object visible = page.eval("const r = document.getElementById('chart-" + c.id()
                    + "').getBoundingClientRect(); return r.width > 300 && r.height > 200;");
            assertEquals(Boolean.TRUE, visible, c.id() + " is laid out at a readable size");
        }
        assertEquals("Ablate report: quickstart", page.eval("return document.title;"));

        Path png = Path.of("target", "report", "quickstart.png");
        page.screenshot(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 800 && image.getHeight() > 3000, image.getWidth() + "x" + image.getHeight());
        assertTrue(Files.size(png) > 50_000, "a screenshot with content");
    }
}
