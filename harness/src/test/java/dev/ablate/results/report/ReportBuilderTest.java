package dev.ablate.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.ParquetTableWriter;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.results.chart.Chart;
import dev.ablate.results.query.DuckDbEngine;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.ResultsQueryException;
import dev.ablate.testing.QuickstartFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the quickstart's results: its sections, the charts the data supports with as many points as the data
 * has (counted by independent queries), a self-contained page (no script, no external reference), the same page for
 * the same rows; the layer-wise experiment's sensitivity heat map; a sweep of a thousand trials stays small and
 * readable; errors are escaped.
 */
class ReportBuilderTest {

    private static ResultsLayout layout;
    private static DuckDbEngine engine;

    @BeforeAll
    static void open() {
        layout = new ResultsLayout(QuickstartFixture.results());
        engine = DuckDbEngine.open(layout);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static Map<String, Chart> charts(Report report) {
        return report.charts().stream().collect(Collectors.toMap(Chart::id, Function.identity()));
    }

    private static long count(String sql) {
        QueryResult r = engine.query(sql);
        return ((Number) r.rows().get(0).get(0)).longValue();
    }

    @Test
    void theQuickstartReportHasEveryChartWithTheDataPoints() {
        Report report = ReportBuilder.build(engine, layout, "quickstart");
        Map<String, Chart> charts = charts(report);
        assertEquals(List.of("accuracy-vs-bits", "accuracy-vs-sparsity", "pareto-size", "pareto-energy", "pareto-latency",
                "layer-heat-map", "training-loss", "validation-accuracy"), report.charts().stream().map(Chart::id).toList());
        String q = "FROM trials WHERE experiment = 'quickstart' AND status = 'ok'";
        assertEquals(count("SELECT count(DISTINCT sweep_point) " + q + " AND w_bits IS NOT NULL"),
                charts.get("accuracy-vs-bits").plottedPoints());
        assertEquals(count("SELECT count(DISTINCT sweep_point) " + q + " AND sparsity_target IS NOT NULL"),
                charts.get("accuracy-vs-sparsity").plottedPoints());
        for (String pareto : List.of("pareto-size", "pareto-energy", "pareto-latency")) {
            assertEquals(count("SELECT count(DISTINCT sweep_point) " + q), charts.get(pareto).plottedPoints(), pareto);
        }
        assertEquals(count("SELECT count(*) FROM (SELECT DISTINCT l.layer, t.sweep_point FROM layers l JOIN trials t "
                + "USING (experiment, trial_id) WHERE l.experiment = 'quickstart' AND l.weight_sqnr_db IS NOT NULL)"),
                charts.get("layer-heat-map").plottedPoints());
        // the baseline's training (shared by every point) and the fine-tuned pruning: 2 epochs each
        assertEquals(4, charts.get("training-loss").plottedPoints());

        String html = report.html();
        for (String section : List.of("summary", "trade-offs", "charts", "pareto-front", "layers", "failures")) {
            assertTrue(html.contains("<section id=\"" + section + "\">"), section);
        }
        for (Chart c : report.charts()) {
            assertTrue(html.contains("data-chart=\"" + c.id() + "\" data-points=\"" + c.plottedPoints() + "\""), c.id());
        }
        assertTrue(html.contains("PTQ bit-width x granularity"), "the spec's description");
        assertTrue(html.contains("ok: 26"), "trials by status");
        assertTrue(html.contains("None: every trial finished ok"), "no failures");
    }

    @Test
    void thePageIsSelfContainedAndTheSameForTheSameRows() {
        String html = ReportBuilder.build(engine, layout, "quickstart").html();
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"'](?!#)").matcher(html).find(), "only in-page links");
        assertFalse(Pattern.compile("url\\((?!#)").matcher(html).find(), "no external url()");
        assertFalse(html.contains("@import"), "no imported style");
        assertEquals(html, ReportBuilder.build(engine, layout, "quickstart").html());
    }

    @Test
    void layerWiseTrialsGiveASensitivityHeatMap() {
        Report report = ReportBuilder.build(engine, layout, QuickstartFixture.SENSITIVITY);
        Chart heat = charts(report).get("layer-heat-map");
        assertTrue(heat.title().contains("accuracy lost"), heat.title());
        assertEquals(count("SELECT count(*) FROM (SELECT DISTINCT l.layer, t.sweep_point FROM layers l JOIN trials t "
                + "USING (experiment, trial_id) WHERE l.experiment = '" + QuickstartFixture.SENSITIVITY
                + "' AND l.sensitivity IS NOT NULL)"), heat.plottedPoints());
    }

    @Test
    void anUnknownExperimentNamesTheKnownOnes() {
        ResultsQueryException e = assertThrows(ResultsQueryException.class,
                () -> ReportBuilder.build(engine, layout, "nope"));
        assertTrue(e.getMessage().startsWith("unknown experiment 'nope' (experiments: "), e.getMessage());
        assertTrue(e.getMessage().contains("quickstart"), e.getMessage());
    }

    @Test
    void aThousandTrialsStayReadableAndSmall(@TempDir Path dir) {
        ResultsLayout big = new ResultsLayout(dir);
        try (ParquetTableWriter w = new ParquetTableWriter(big.table("big", TrialsTable.SCHEMA), TrialsTable.SCHEMA, "r1",
                5000, Duration.ofHours(1))) {
            int id = 0;
            for (int bits = 1; bits <= 8; bits++) {
                for (String g : List.of("per-tensor", "per-channel", "per-group")) {
                    for (int lr = 0; lr < 14; lr++) {
                        for (long seed = 0; seed < 3; seed++) {
                            String point = "{\"bits\":" + bits + ",\"g\":\"" + g + "\",\"lr\":" + lr + "}";
                            boolean failed = id % 97 == 0;
                            w.append(Row.builder(TrialsTable.SCHEMA).set(TrialsTable.EXPERIMENT, "big")
                                    .set(TrialsTable.TRIAL_ID, String.format("%064d", id++)).set(TrialsTable.SEED, seed)
                                    .set(TrialsTable.STATUS, failed ? "failed" : "ok")
                                    .set(TrialsTable.ERROR, failed ? "<script>alert(1)</script> in layer fc1" : null)
                                    .set(TrialsTable.SWEEP_POINT, point).set(TrialsTable.TECHNIQUE, "ptq")
                                    .set(TrialsTable.W_BITS, bits).set(TrialsTable.GRANULARITY, g)
                                    .set(TrialsTable.TEMPERATURE, (double) lr)
                                    .set(TrialsTable.ACCURACY, 0.5 + 0.05 * bits - 0.001 * lr + 0.01 * seed)
                                    .set(TrialsTable.MODEL_BYTES, 1000L * bits + lr).build());
                        }
                    }
                }
            }
        }
        try (DuckDbEngine e = DuckDbEngine.open(big)) {
            Report report = ReportBuilder.build(e, big, "big");
            int bytes = report.html().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes < 3_000_000, bytes + " bytes");
            assertTrue(report.html().contains(ReportBuilder.MAX_POINTS + " of 336 sweep points shown"), "capped table");
            assertTrue(report.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped error");
            assertFalse(report.html().contains("<script>"), "escaped error");
            Chart bits = charts(report).get("accuracy-vs-bits");
            assertEquals(ReportCharts.MAX_SERIES * 8, bits.plottedPoints(), "at most MAX_SERIES lines of 8 bit-widths");
            assertTrue(report.html().contains("(10 of 42 lines shown)"), "says what it left out");
        }
    }
}
