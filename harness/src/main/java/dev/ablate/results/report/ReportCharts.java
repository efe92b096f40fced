package dev.ablate.results.report;

import dev.ablate.results.chart.Axis;
import dev.ablate.results.chart.BandPoint;
import dev.ablate.results.chart.BandSeries;
import dev.ablate.results.chart.Chart;
import dev.ablate.results.chart.Charts;
import dev.ablate.results.chart.LineSeries;
import dev.ablate.results.chart.ParetoPoint;
import dev.ablate.results.chart.XYPoint;
import dev.ablate.results.pareto.ParetoFront;
import dev.ablate.results.pareto.ParetoFront.Direction;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.ResultsEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The charts of a report, each built only when the experiment's data supports it: accuracy against weight bits and
 * against sparsity (mean over seeds, 95% bands), Pareto scatters of accuracy against size, energy and latency, the
 * per-layer heat map, and training curves. Series beyond {@value #MAX_SERIES} per chart are left out (the report
 * says how many). Public for the ids of its charts, by which {@link ReportBuilder#charts} callers (the notebook kernel)
 * pick one.
 */
public final class ReportCharts {

    /** Id of the chart of accuracy against weight bits, one line per combination of the other swept settings. */
    public static final String ACCURACY_VS_BITS = "accuracy-vs-bits";
    /** Id of the chart of accuracy against sparsity. */
    public static final String ACCURACY_VS_SPARSITY = "accuracy-vs-sparsity";
    /** Id of the Pareto scatter of accuracy against model size. */
    public static final String PARETO_SIZE = "pareto-size";
    /** Id of the Pareto scatter of accuracy against energy per inference. */
    public static final String PARETO_ENERGY = "pareto-energy";
    /** Id of the Pareto scatter of accuracy against latency at batch 1. */
    public static final String PARETO_LATENCY = "pareto-latency";
    /** Id of the per-layer heat map (sensitivity, else weight SQNR). */
    public static final String LAYER_HEAT_MAP = "layer-heat-map";
    /** Id of the training-loss curves. */
    public static final String TRAINING_LOSS = "training-loss";
    /** Id of the validation-accuracy curves. */
    public static final String VALIDATION_ACCURACY = "validation-accuracy";

    /** Most lines one chart draws. */
    static final int MAX_SERIES = 10;
    /** Most columns of the per-layer heat map. */
    static final int MAX_HEAT_COLUMNS = 40;

    /** A chart and what the report should say under it. */
    record Figure(Chart chart, String caption) {
    }

    private static final Axis ACCURACY = new Axis("test accuracy (%)", false);

    private ReportCharts() {
    }

    /** Every chart the data supports, in report order. */
    static List<Figure> all(ResultsEngine engine, String experiment, SweepPoints points) {
        List<Figure> figures = new ArrayList<>();
        along(points, "w_bits", ACCURACY_VS_BITS, "Accuracy vs weight bits", new Axis("weight bits", false))
                .ifPresent(figures::add);
        along(points, "sparsity_target", ACCURACY_VS_SPARSITY, "Accuracy vs sparsity",
                new Axis("sparsity (fraction of weights removed)", false)).ifPresent(figures::add);
        pareto(points, "model_bytes", PARETO_SIZE, "Accuracy vs model size", "model size (bytes, log scale)")
                .ifPresent(figures::add);
        pareto(points, "energy_pj", PARETO_ENERGY, "Accuracy vs energy per inference",
                "energy per inference (pJ, log scale)").ifPresent(figures::add);
        pareto(points, "latency_ms_b1", PARETO_LATENCY, "Accuracy vs latency", "latency at batch 1 (ms, log scale)")
                .ifPresent(figures::add);
        layerHeatMap(engine, experiment, points).ifPresent(figures::add);
        curves(engine, experiment, points, "train_loss", TRAINING_LOSS, "Training loss", "training loss (cross-entropy)")
                .ifPresent(figures::add);
        curves(engine, experiment, points, "val_accuracy", VALIDATION_ACCURACY, "Validation accuracy",
                "validation accuracy (%)").ifPresent(figures::add);
        return figures;
    }

    /**
     * Mean accuracy against one axis (w_bits, sparsity_target) with 95% bands; one series per combination of the other
     * varying axes. Only when the axis takes at least two values.
     */
    private static Optional<Figure> along(SweepPoints points, String axis, String id, String title, Axis x) {
        if (!points.varying().contains(axis)) {
            return Optional.empty();
        }
        QueryResult rows = points.rows();
        Map<String, List<BandPoint>> series = new LinkedHashMap<>();
        for (int i : points.withValue(axis)) {
            series.computeIfAbsent(points.label(i, List.of(axis)), k -> new ArrayList<>()).add(new BandPoint(
                    rows.number(i, axis), 100 * rows.number(i, SweepPoints.ACC),
                    percentClipped(rows.number(i, SweepPoints.ACC_LO)), percentClipped(rows.number(i, SweepPoints.ACC_HI)),
                    ((Number) rows.value(i, SweepPoints.N)).intValue()));
        }
        if (series.values().stream().mapToLong(s -> s.stream().mapToDouble(BandPoint::x).distinct().count()).max()
                .orElse(0) < 2) {
            return Optional.empty();
        }
        List<BandSeries> kept = series.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<BandPoint>> e) -> -e.getValue().size()))
                .limit(MAX_SERIES)
                .map(e -> new BandSeries(e.getKey(), e.getValue().stream().sorted(Comparator.comparingDouble(BandPoint::x))
                        .toList()))
                .toList();
        String caption = "Mean over seeds with the 95% t interval (band, clipped to 0–100%; with few seeds it is wide); "
                + "one line per "
                + (points.varying().size() > 1 ? "combination of the other swept settings" : "experiment")
                + omitted(series.size());
        return Optional.of(new Figure(Charts.bands(id, title, x, ACCURACY, kept), caption));
    }

    /**
     * Accuracy against a cost column, log scale, one point per sweep point (means over seeds), each technique its own
     * marker, the front (smaller cost, higher accuracy) drawn as a step line.
     */
    private static Optional<Figure> pareto(SweepPoints points, String column, String id, String title, String xLabel) {
        if (!points.efficiency().contains(column)) {
            return Optional.empty();
        }
        QueryResult rows = points.rows();
        List<Integer> with = points.withValue(column).stream()
                .filter(i -> rows.number(i, column) > 0 && !Double.isNaN(rows.number(i, SweepPoints.ACC))).toList();
        if (with.size() < 2) {
            return Optional.empty();
        }
        double[] xs = with.stream().mapToDouble(i -> rows.number(i, column)).toArray();
        double[] ys = with.stream().mapToDouble(i -> rows.number(i, SweepPoints.ACC)).toArray();
        boolean[] front = ParetoFront.mark(xs, Direction.MINIMIZE, ys, Direction.MAXIMIZE);
        boolean hasTechnique = rows.columns().contains("technique");
        List<ParetoPoint> pts = IntStream.range(0, with.size()).mapToObj(k -> new ParetoPoint(
                hasTechnique ? String.valueOf(rows.value(with.get(k), "technique")) : "trials",
                points.label(with.get(k)), xs[k], 100 * ys[k], front[k])).toList();
        return Optional.of(new Figure(Charts.pareto(id, title, new Axis(xLabel, true), ACCURACY, pts),
                "One point per sweep point (mean over seeds); the step line is the Pareto front: no other point is both "
                        + "smaller and more accurate."));
    }

    /**
     * Per-layer heat map: the accuracy lost when only that layer is quantized (layer-wise trials), else the weights'
     * signal-to-quantization-noise ratio; rows are layers, columns sweep points.
     */
    private static Optional<Figure> layerHeatMap(ResultsEngine engine, String experiment, SweepPoints points) {
        if (!engine.views().contains("layers")) {
            return Optional.empty();
        }
        List<String> columns = engine.describe("layers").columns();
        String value;
        String valueLabel;
        String caption;
        double scale;
        if (columns.contains("sensitivity") && count(engine, experiment, "sensitivity") > 0) {
            value = "sensitivity";
            valueLabel = "accuracy lost (pt)";
            caption = "Accuracy lost when only that layer is quantized (layer-wise trials), mean over seeds, in points";
            scale = 100;
        } else if (columns.contains("weight_sqnr_db") && count(engine, experiment, "weight_sqnr_db") > 0) {
            value = "weight_sqnr_db";
            valueLabel = "weight SQNR (dB)";
            caption = "Signal-to-quantization-noise ratio of each layer's weights, mean over seeds (higher is closer "
                    + "to fp32)";
            scale = 1;
        } else {
            return Optional.empty();
        }
        QueryResult cells = engine.query("SELECT l.layer AS layer, t.sweep_point AS sweep_point, avg(l." + value
                + ") AS v FROM layers l JOIN trials t ON l.experiment = t.experiment AND l.trial_id = t.trial_id "
                + "WHERE l.experiment = " + ResultsEngine.literal(experiment) + " AND t.status = 'ok' AND l." + value
                + " IS NOT NULL GROUP BY l.layer, t.sweep_point");
        List<String> layers = IntStream.range(0, cells.size()).mapToObj(i -> cells.text(i, "layer")).distinct()
                .sorted(ReportCharts::naturalOrder).toList();
        Map<String, String> labels = points.shortLabels(); // in the trade-off table's order
        Set<String> withCells = IntStream.range(0, cells.size()).mapToObj(i -> cells.text(i, "sweep_point"))
                .collect(Collectors.toSet());
        List<String> kept = labels.keySet().stream().filter(withCells::contains).limit(MAX_HEAT_COLUMNS).toList();
        if (layers.isEmpty() || kept.isEmpty()) {
            return Optional.empty();
        }
        double[][] grid = new double[layers.size()][kept.size()];
        for (double[] row : grid) {
            Arrays.fill(row, Double.NaN);
        }
        for (int i = 0; i < cells.size(); i++) {
            int c = kept.indexOf(cells.text(i, "sweep_point"));
            if (c >= 0) {
                grid[layers.indexOf(cells.text(i, "layer"))][c] = scale * cells.number(i, "v");
            }
        }
        return Optional.of(new Figure(Charts.heatMap(LAYER_HEAT_MAP, "Per-layer " + valueLabel, layers,
                kept.stream().map(labels::get).toList(), grid, valueLabel),
                caption + omitted(withCells.size(), MAX_HEAT_COLUMNS, "columns")));
    }

    /**
     * One metric of the curves table against epoch, mean over seeds: one line per stage and the sweep point that uses
     * it; a stage that several sweep points share (the baseline's training) is one line that says so.
     */
    private static Optional<Figure> curves(ResultsEngine engine, String experiment, SweepPoints points, String metric,
            String id, String title, String yLabel) {
        if (!engine.views().contains("curves")) {
            return Optional.empty();
        }
        String e = ResultsEngine.literal(experiment);
        QueryResult rows = engine.query("WITH keyed AS (SELECT c.stage AS stage, c.stage_key AS stage_key, "
                + "min(t.sweep_point) AS point, count(DISTINCT t.sweep_point) AS points FROM curves c JOIN trials t "
                + "ON c.experiment = t.experiment "
                + "AND c.trial_id = t.trial_id WHERE c.experiment = " + e + " GROUP BY c.stage, c.stage_key) "
                + "SELECT k.stage AS stage, CASE WHEN k.points > 1 THEN NULL ELSE k.point END AS point, k.points AS points, "
                + "c.epoch AS epoch, avg(c.value) AS v FROM curves c JOIN keyed k "
                + "ON c.stage = k.stage AND c.stage_key = k.stage_key WHERE c.experiment = " + e + " AND c.metric = "
                + ResultsEngine.literal(metric) + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
        Map<String, String> labels = points.shortLabels();
        Map<String, List<XYPoint>> series = new LinkedHashMap<>();
        double scale = metric.endsWith("accuracy") ? 100 : 1;
        for (int i = 0; i < rows.size(); i++) {
            String point = rows.text(i, "point");
            String label = rows.text(i, "stage") + " · " + (point == null
                    ? "shared by " + HtmlText.number(rows.number(i, "points")) + " sweep points"
                    : labels.getOrDefault(point, SweepPointLabel.of(point)));
            series.computeIfAbsent(label, k -> new ArrayList<>())
                    .add(new XYPoint(rows.number(i, "epoch"), scale * rows.number(i, "v")));
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        List<LineSeries> kept = series.entrySet().stream().limit(MAX_SERIES)
                .map(s -> new LineSeries(s.getKey(), s.getValue())).toList();
        return Optional.of(new Figure(Charts.lines(id, title, new Axis("epoch", false), new Axis(yLabel, false), kept),
                "Per epoch, mean over seeds; one line per training stage (the baseline's training is shared by every "
                        + "trial)" + omitted(series.size())));
    }

    /** An accuracy interval end in percent, within what accuracy can be. */
    private static double percentClipped(double fraction) {
        return Double.isNaN(fraction) ? Double.NaN : Math.max(0, Math.min(100, 100 * fraction));
    }

    private static long count(ResultsEngine engine, String experiment, String column) {
        return ((Number) engine.query("SELECT count(" + column + ") AS n FROM layers WHERE experiment = "
                + ResultsEngine.literal(experiment)).value(0, "n")).longValue();
    }

    private static String omitted(int series) {
        return omitted(series, MAX_SERIES, "lines");
    }

    private static String omitted(int total, int max, String what) {
        return total > max ? " (" + max + " of " + total + " " + what + " shown)." : ".";
    }

    /** fc2 before fc10: digits compare as numbers. */
    static int naturalOrder(String a, String b) {
        String pa = a.replaceAll("\\d+", "");
        String pb = b.replaceAll("\\d+", "");
        if (!pa.equals(pb)) {
            return a.compareTo(b);
        }
        String da = a.replaceAll("\\D+", "");
        String db = b.replaceAll("\\D+", "");
        return da.isEmpty() || db.isEmpty() ? a.compareTo(b) : Long.compare(Long.parseLong(da), Long.parseLong(db));
    }
}
