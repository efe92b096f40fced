package dev.ablate.results.report;

import static dev.ablate.results.report.HtmlText.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.SpecArchive;
import dev.ablate.results.chart.Chart;
import dev.ablate.results.pareto.ParetoFront;
import dev.ablate.results.pareto.ParetoFront.Direction;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.ResultsEngine;
import dev.ablate.results.query.ResultsQueryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Builds the {@link Report} of one experiment from its results: summary and provenance, the trade-off table (mean and
 * 95% interval over seeds), the charts the data supports ({@link ReportCharts}), the Pareto front of size against
 * accuracy, per-layer costs, and the trials that did not finish ok. Tables are capped (the report says how many rows
 * it leaves out and how to query them), so a sweep of thousands of trials still gives a page of a few megabytes.
 */
public final class ReportBuilder {

    /** Most rows of the trade-off table. */
    static final int MAX_POINTS = 60;
    /** Most rows of the failed-trials table. */
    static final int MAX_FAILED = 50;
    /** Most characters of an error message shown. */
    static final int MAX_ERROR = 300;

    /** Column headings of the efficiency columns in the trade-off table. */
    private static final Map<String, String> EFFICIENCY_HEADERS = Map.of(
            "model_bytes", "model size", "compression_ratio", "compression ×", "bops", "BOPs",
            "energy_pj", "energy (pJ)", "latency_ms_b1", "latency b1 (ms)", "throughput_b64", "throughput b64 (ex/s)");

    private final ResultsEngine engine;
    private final ResultsLayout layout;
    private final String experiment;

    private ReportBuilder(ResultsEngine engine, ResultsLayout layout, String experiment) {
        this.engine = engine;
        this.layout = layout;
        this.experiment = experiment;
    }

    /**
     * The report of {@code experiment}.
     *
     * @param engine the results to read (its trials view must hold the experiment)
     * @param layout where the results live (for the kept spec text)
     * @throws ResultsQueryException if there are no trials of {@code experiment} (the message lists the experiments)
     */
    public static Report build(ResultsEngine engine, ResultsLayout layout, String experiment) {
        return new ReportBuilder(engine, layout, experiment).build();
    }

    /**
     * The charts the report of {@code experiment} shows, in page order (ids: {@link ReportCharts}), without building
     * the rest of the page: what a notebook shows one at a time.
     *
     * @param engine the results to read (its trials view must hold the experiment)
     * @param layout where the results live (named in the message when there are none)
     * @throws ResultsQueryException if there are no trials of {@code experiment} (the message lists the experiments)
     */
    public static List<Chart> charts(ResultsEngine engine, ResultsLayout layout, String experiment) {
        ReportBuilder builder = new ReportBuilder(engine, layout, experiment);
        builder.checkExperiment();
        return ReportCharts.all(engine, experiment, SweepPoints.of(engine, experiment)).stream()
                .map(ReportCharts.Figure::chart).toList();
    }

    private Report build() {
        checkExperiment();
        String e = ResultsEngine.literal(experiment);
        QueryResult provenance = engine.query("SELECT run_id, max(finished_at) AS finished, "
                + "count(*) AS trials, sum(train_seconds) AS train_s, sum(compress_seconds) AS compress_s, "
                + "sum(eval_seconds) AS eval_s, min(harness_version) AS harness, min(git_commit) AS git, "
                + "min(java_version) AS java, min(blas) AS blas, min(spark_master) AS master, min(spec_hash) AS spec_hash, "
                + "min(dataset) AS dataset, min(dataset_fingerprint) AS fingerprint, count(DISTINCT host) AS hosts "
                + "FROM trials WHERE experiment = " + e + " GROUP BY run_id ORDER BY run_id");
        QueryResult statuses = engine.query("SELECT status, count(*) AS n FROM trials WHERE experiment = " + e
                + " GROUP BY status ORDER BY status");
        SweepPoints points = SweepPoints.of(engine, experiment);
        List<ReportCharts.Figure> figures = ReportCharts.all(engine, experiment, points);

        StringBuilder html = new StringBuilder(64 * 1024);
        Optional<String> spec = latestSpec(provenance);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Ablate report: ").append(escape(experiment)).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>Ablate report: <code>").append(escape(experiment)).append("</code></h1>\n");
        spec.flatMap(ReportBuilder::description).ifPresent(d -> html.append("<p class=\"lead\">").append(escape(d))
                .append("</p>\n"));
        html.append(toc(figures));
        summary(html, provenance, statuses, spec);
        tradeOffs(html, points);
        charts(html, figures);
        paretoFront(html, points);
        layers(html);
        failures(html);
        html.append("<footer>Made by <code>ablate report ").append(escape(experiment))
                .append("</code> from the Parquet tables under <code>").append(escape(layout.root().toString()))
                .append("</code>. Every number here can be queried with <code>ablate query</code>.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return new Report(experiment, html.toString(), figures.stream().map(ReportCharts.Figure::chart).toList());
    }

    private void checkExperiment() {
        if (!engine.views().contains("trials")) {
            throw new ResultsQueryException("no results under " + layout.root() + " yet");
        }
        QueryResult names = engine.query("SELECT DISTINCT experiment FROM trials ORDER BY experiment");
        List<String> experiments = IntStream.range(0, names.size()).mapToObj(i -> names.text(i, "experiment")).toList();
        if (!experiments.contains(experiment)) {
            throw new ResultsQueryException("unknown experiment '" + experiment + "' (experiments: "
                    + String.join(", ", experiments) + ")");
        }
    }

    private Optional<String> latestSpec(QueryResult provenance) {
        for (int i = provenance.size() - 1; i >= 0; i--) {
            String hash = provenance.text(i, "spec_hash");
            if (hash != null) {
                Optional<String> text = SpecArchive.read(layout, experiment, hash);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> description(String specText) {
        try {
            JsonNode d = new ObjectMapper(new YAMLFactory()).readTree(specText).path("description");
            return d.isTextual() ? Optional.of(d.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String toc(List<ReportCharts.Figure> figures) {
        StringBuilder b = new StringBuilder("<nav><a href=\"#summary\">Summary</a> · <a href=\"#trade-offs\">Trade-offs</a>");
        for (ReportCharts.Figure f : figures) {
            b.append(" · <a href=\"#figure-").append(f.chart().id()).append("\">").append(escape(f.chart().title()))
                    .append("</a>");
        }
        return b.append(" · <a href=\"#pareto-front\">Pareto front</a> · <a href=\"#layers\">Layers</a> · "
                + "<a href=\"#failures\">Failures</a></nav>\n").toString();
    }

    private void summary(StringBuilder html, QueryResult runs, QueryResult statuses, Optional<String> spec) {
        html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"statuses\">");
        long total = 0;
        for (int i = 0; i < statuses.size(); i++) {
            long n = ((Number) statuses.value(i, "n")).longValue();
            total += n;
            html.append("<span class=\"status ").append(escape(statuses.text(i, "status"))).append("\">")
                    .append(escape(statuses.text(i, "status"))).append(": ").append(n).append("</span> ");
        }
        html.append("<span class=\"status total\">trials: ").append(total).append("</span></p>\n");
        html.append("<p>Runs (the id starts with the run's start time, UTC). The seconds are summed over the trials' "
                + "rows: a stage that several trials share counts in each.</p>\n<table class=\"data\">\n<thead><tr>"
                + "<th>run</th><th class=\"num\">trials</th><th>last trial finished (UTC)</th>"
                + "<th class=\"num\">Σ train s</th><th class=\"num\">Σ compress s</th><th class=\"num\">Σ eval s</th>"
                + "</tr></thead>\n<tbody>\n");
        for (int i = 0; i < runs.size(); i++) {
            html.append("<tr><td><code>").append(escape(runs.text(i, "run_id"))).append("</code></td>")
                    .append(num(runs.number(i, "trials"))).append("<td>").append(instant(runs.value(i, "finished")))
                    .append("</td>").append(num(runs.number(i, "train_s"))).append(num(runs.number(i, "compress_s")))
                    .append(num(runs.number(i, "eval_s"))).append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        int last = runs.size() - 1;
        html.append("<dl class=\"provenance\">");
        for (String[] field : new String[][] {{"dataset", "dataset"}, {"dataset fingerprint", "fingerprint"},
                {"harness version", "harness"}, {"git commit", "git"}, {"Java", "java"}, {"BLAS", "blas"},
                {"Spark master", "master"}, {"hosts", "hosts"}, {"spec hash", "spec_hash"}}) {
            html.append("<dt>").append(field[0]).append("</dt><dd><code>")
                    .append(last < 0 || runs.value(last, field[1]) == null ? "–"
                            : escape(String.valueOf(runs.value(last, field[1])))).append("</code></dd>");
        }
        html.append("</dl>\n");
        spec.ifPresent(text -> html.append("<details><summary>Spec (the latest run's)</summary><pre>")
                .append(escape(text)).append("</pre></details>\n"));
        html.append("</section>\n");
    }

    private void tradeOffs(StringBuilder html, SweepPoints points) {
        QueryResult rows = points.rows();
        html.append("<section id=\"trade-offs\">\n<h2>Trade-offs</h2>\n<p>One row per sweep point: ok trials, mean over "
                + "seeds; ± is the half-width of the 95% Student t interval of the mean (blank for one seed). Drop is the "
                + "accuracy lost against the same-seed baseline, in points.</p>\n<div class=\"scroll\"><table class=\"data\">\n"
                + "<thead><tr>");
        for (String axis : points.varying()) {
            html.append("<th>").append(escape(axis)).append("</th>");
        }
        html.append("<th class=\"num\">seeds</th><th class=\"num\">accuracy (%)</th><th class=\"num\">drop (pt)</th>");
        List<String> efficiency = points.efficiency();
        for (String c : efficiency) {
            html.append("<th class=\"num\">").append(escape(EFFICIENCY_HEADERS.getOrDefault(c, c))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(rows.size(), MAX_POINTS);
        for (int i = 0; i < shown; i++) {
            html.append("<tr>");
            for (String axis : points.varying()) {
                Object v = rows.value(i, axis);
                html.append("<td>").append(v == null ? "<span class=\"none\">–</span>" : escape(String.valueOf(v)))
                        .append("</td>");
            }
            html.append(num(rows.number(i, SweepPoints.N)))
                    .append("<td class=\"num\">").append(HtmlText.percentWithInterval(rows.number(i, SweepPoints.ACC),
                            rows.number(i, SweepPoints.ACC_LO), rows.number(i, SweepPoints.ACC_HI))).append("</td>")
                    .append("<td class=\"num\">").append(HtmlText.percentWithInterval(rows.number(i, SweepPoints.DROP),
                            rows.number(i, SweepPoints.DROP_LO), rows.number(i, SweepPoints.DROP_HI))).append("</td>");
            for (String c : efficiency) {
                double v = rows.number(i, c);
                html.append("<td class=\"num\">").append(c.equals("model_bytes") ? HtmlText.bytes(v) : HtmlText.number(v))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n");
        capped(html, rows.size(), shown, "sweep points", "SELECT * FROM trials WHERE experiment = '" + experiment + "'");
        html.append("</section>\n");
    }

    private static void charts(StringBuilder html, List<ReportCharts.Figure> figures) {
        html.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        if (figures.isEmpty()) {
            html.append("<p>No chart: the experiment sweeps neither bits nor sparsity and has no efficiency columns.</p>\n");
        }
        for (ReportCharts.Figure f : figures) {
            Chart c = f.chart();
            html.append("<figure class=\"chart\" id=\"figure-").append(c.id()).append("\" data-chart=\"").append(c.id())
                    .append("\" data-points=\"").append(c.plottedPoints()).append("\">\n").append(c.svg())
                    .append("\n<figcaption>").append(escape(f.caption())).append("</figcaption>\n</figure>\n");
        }
        html.append("</section>\n");
    }

    private void paretoFront(StringBuilder html, SweepPoints points) {
        html.append("<section id=\"pareto-front\">\n<h2>Pareto front: size against accuracy</h2>\n");
        QueryResult rows = points.rows();
        if (!points.efficiency().contains("model_bytes")) {
            html.append("<p>The results have no model size column.</p>\n</section>\n");
            return;
        }
        double[] xs = IntStream.range(0, rows.size()).mapToDouble(i -> rows.number(i, "model_bytes")).toArray();
        double[] ys = IntStream.range(0, rows.size()).mapToDouble(i -> rows.number(i, SweepPoints.ACC)).toArray();
        boolean[] front = ParetoFront.mark(xs, Direction.MINIMIZE, ys, Direction.MAXIMIZE);
        List<Integer> onFront = IntStream.range(0, rows.size()).filter(i -> front[i]).boxed()
                .sorted((a, b) -> Double.compare(xs[a], xs[b])).toList();
        html.append("<p>The sweep points no other point beats on both model size and accuracy (means over seeds), "
                + "smallest first; <code>ablate pareto ").append(escape(experiment))
                .append(" --mean-over-seeds</code> lists them with any two columns.</p>\n")
                .append("<table class=\"data\">\n<thead><tr><th>sweep point</th><th class=\"num\">model size</th>"
                        + "<th class=\"num\">accuracy (%)</th><th class=\"num\">seeds</th></tr></thead>\n<tbody>\n");
        for (int i : onFront) {
            html.append("<tr><td>").append(escape(points.label(i))).append("</td><td class=\"num\">")
                    .append(HtmlText.bytes(xs[i])).append("</td><td class=\"num\">")
                    .append(HtmlText.percentWithInterval(ys[i], rows.number(i, SweepPoints.ACC_LO),
                            rows.number(i, SweepPoints.ACC_HI))).append("</td>")
                    .append(num(rows.number(i, SweepPoints.N))).append("</tr>\n");
        }
        html.append("</tbody></table>\n</section>\n");
    }

    private void layers(StringBuilder html) {
        html.append("<section id=\"layers\">\n<h2>Layers</h2>\n");
        if (!engine.views().contains("layers")) {
            html.append("<p>No layer rows.</p>\n</section>\n");
            return;
        }
        List<String> available = engine.describe("layers").columns();
        List<String[]> columns = new ArrayList<>();
        for (String[] c : new String[][] {{"params", "weights"}, {"bits", "bits"}, {"packed_bytes", "packed bytes"},
                {"macs", "MACs"}, {"energy_pj", "energy (pJ)"}, {"weight_sqnr_db", "weight SQNR (dB)"},
                {"sensitivity", "accuracy lost alone (pt)"}}) {
            if (available.contains(c[0])) {
                columns.add(c);
            }
        }
        QueryResult rows = engine.query("SELECT layer, count(*) AS trials" + columns.stream()
                .map(c -> ", avg(" + c[0] + ") AS " + c[0]).collect(Collectors.joining())
                + " FROM layers WHERE experiment = " + ResultsEngine.literal(experiment) + " GROUP BY layer");
        List<Integer> order = IntStream.range(0, rows.size()).boxed()
                .sorted((a, b) -> ReportCharts.naturalOrder(rows.text(a, "layer"), rows.text(b, "layer"))).toList();
        html.append("<p>Every weight layer, averaged over the experiment's trials (ok or not) that have it.</p>\n"
                + "<table class=\"data\">\n<thead><tr><th>layer</th><th class=\"num\">trials</th>");
        columns.forEach(c -> html.append("<th class=\"num\">").append(c[1]).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (int i : order) {
            html.append("<tr><td><code>").append(escape(rows.text(i, "layer"))).append("</code></td>")
                    .append(num(rows.number(i, "trials")));
            for (String[] c : columns) {
                double v = rows.number(i, c[0]);
                html.append(num(c[0].equals("sensitivity") ? 100 * v : v));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n</section>\n");
    }

    private void failures(StringBuilder html) {
        html.append("<section id=\"failures\">\n<h2>Failed and diverged trials</h2>\n");
        QueryResult rows = engine.query("SELECT trial_id, seed, status, sweep_point, error FROM trials WHERE experiment = "
                + ResultsEngine.literal(experiment) + " AND status IN ('failed', 'diverged') ORDER BY status, trial_id");
        if (rows.size() == 0) {
            html.append("<p class=\"ok\">None: every trial finished ok (or was skipped as not applicable).</p>\n");
        } else {
            html.append("<table class=\"data failures\">\n<thead><tr><th>trial</th><th>seed</th><th>status</th>"
                    + "<th>sweep point</th><th>error</th></tr></thead>\n<tbody>\n");
            int shown = Math.min(rows.size(), MAX_FAILED);
            for (int i = 0; i < shown; i++) {
                String error = rows.text(i, "error");
                if (error != null && error.length() > MAX_ERROR) {
                    error = error.substring(0, MAX_ERROR) + "…";
                }
                html.append("<tr><td><code>").append(escape(rows.text(i, "trial_id").substring(0, 12)))
                        .append("</code></td>").append(num(rows.number(i, "seed"))).append("<td>")
                        .append(escape(rows.text(i, "status"))).append("</td><td>")
                        .append(escape(SweepPointLabel.of(rows.text(i, "sweep_point")))).append("</td><td><code>")
                        .append(escape(error)).append("</code></td></tr>\n");
            }
            html.append("</tbody></table>\n");
            capped(html, rows.size(), shown, "failed or diverged trials", "SELECT trial_id, status, error FROM trials "
                    + "WHERE experiment = '" + experiment + "' AND status IN ('failed', 'diverged')");
        }
        html.append("</section>\n");
    }

    private static void capped(StringBuilder html, int total, int shown, String what, String sql) {
        if (total > shown) {
            html.append("<p class=\"capped\">").append(shown).append(" of ").append(total).append(' ').append(what)
                    .append(" shown; all of them: <code>ablate query \"").append(escape(sql)).append("\"</code></p>\n");
        }
    }

    private static String num(double v) {
        return "<td class=\"num\">" + HtmlText.number(v) + "</td>";
    }

    private static String instant(Object v) {
        return v == null ? "–" : escape(v.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"));
    }


    /** The page's style: readable tables and figures, printable, no external font or resource. */
    private static final String CSS = """
            body{margin:0;background:#fafafa;color:#1d1d1f;font:15px/1.5 system-ui,-apple-system,"Segoe UI",\
            "DejaVu Sans",sans-serif}
            main{max-width:1180px;margin:0 auto;padding:24px 32px 48px;background:#fff}
            h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #ddd;\
            padding-bottom:4px}
            .lead{color:#444;margin:0 0 12px}nav{font-size:13px;color:#555;margin:8px 0 16px}nav a{color:#0b5cad}
            code{font:13px/1.4 "DejaVu Sans Mono",monospace}pre{background:#f4f4f4;padding:12px;overflow:auto}
            table.data{border-collapse:collapse;font-size:13px;margin:8px 0;width:100%}
            table.data th,table.data td{padding:3px 8px;border-bottom:1px solid #e6e6e6;text-align:left;\
            vertical-align:top}
            table.data th{background:#f2f2f2;font-weight:600}table.data tr:nth-child(even) td{background:#fbfbfb}
            .num{text-align:right!important;font-variant-numeric:tabular-nums;white-space:nowrap}
            .none{color:#aaa}.status{display:inline-block;padding:2px 10px;border-radius:10px;background:#eee;\
            margin-right:6px}
            .status.ok{background:#d9f2dd}.status.failed,.status.diverged{background:#f8d7d7}\
            .status.skipped{background:#eee}
            dl.provenance{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;font-size:13px}
            dl.provenance dt{color:#555}dl.provenance dd{margin:0}
            .scroll{overflow-x:auto}figure.chart{margin:16px 0 24px}figure.chart svg{max-width:100%;height:auto}
            figcaption{font-size:13px;color:#555}.capped{font-size:13px;color:#555}.ok{color:#1a7f37}
            footer{margin-top:40px;font-size:12px;color:#777}
            @media print{body{background:#fff}main{padding:0}nav{display:none}}
            """;
}
