package dev.ablate.results.report;

import dev.ablate.results.TrialsTable;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.ResultsEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An experiment's ok trials averaged over seeds: one row per sweep point, with the axis columns that take at least
 * two values in the experiment (so a row says what distinguishes it; a column set for one technique only, such as the
 * quantizer's calibration beside pruned trials, says no more than the technique), the number of seeds, the mean and 95% t interval of accuracy and of
 * its drop from the same-seed baseline, and the mean of every efficiency column. Columns that no trial of the results
 * root has (older harness versions) are left out.
 */
final class SweepPoints {

    /** The axis columns of the trials table, in the order a row's label lists them. */
    static final List<String> AXES = List.of("model_arch", "technique", "w_format", "w_bits", "a_bits", "granularity",
            "quant_method", "calibration", "sparsity_target", "prune_method", "prune_schedule", "finetune_epochs",
            "teacher_arch", "temperature", "alpha", "train_precision", "rounding");

    /** Efficiency columns averaged over seeds, in table order. */
    static final List<String> EFFICIENCY = List.of("model_bytes", "compression_ratio", "bops", "energy_pj",
            "latency_ms_b1", "throughput_b64");

    /** Column names of the aggregated accuracy and drop. */
    static final String N = "n";
    static final String ACC = "acc";
    static final String ACC_LO = "acc_lo";
    static final String ACC_HI = "acc_hi";
    static final String DROP = "acc_drop";
    static final String DROP_LO = "acc_drop_lo";
    static final String DROP_HI = "acc_drop_hi";

    private final List<String> varying;
    private final List<String> efficiency;
    private final QueryResult rows;

    private SweepPoints(List<String> varying, List<String> efficiency, QueryResult rows) {
        this.varying = varying;
        this.efficiency = efficiency;
        this.rows = rows;
    }

    /** The sweep points of {@code experiment}, ordered by their varying axes. */
    static SweepPoints of(ResultsEngine engine, String experiment) {
        List<String> available = engine.describe(TrialsTable.SCHEMA.name()).columns();
        List<String> axes = AXES.stream().filter(available::contains).toList();
        String where = " FROM trials WHERE experiment = " + ResultsEngine.literal(experiment) + " AND status = 'ok'";
        List<String> varying = new ArrayList<>();
        if (!axes.isEmpty()) {
            QueryResult distinct = engine.query("SELECT " + axes.stream()
                    .map(a -> "count(DISTINCT " + a + ") AS " + a)
                    .collect(Collectors.joining(", ")) + where);
            axes.stream().filter(a -> distinct.size() > 0 && distinct.number(0, a) > 1).forEach(varying::add);
        }
        if (varying.isEmpty() && axes.contains("technique")) {
            varying.add("technique");
        }
        List<String> efficiency = EFFICIENCY.stream().filter(available::contains).toList();
        String keys = varying.isEmpty() ? "" : String.join(", ", varying) + ", ";
        String sql = "SELECT sweep_point, " + keys + "count(*) AS " + N
                + ", avg(accuracy) AS " + ACC + ", ci95_low(accuracy) AS " + ACC_LO + ", ci95_high(accuracy) AS " + ACC_HI
                + ", avg(accuracy_drop) AS " + DROP + ", ci95_low(accuracy_drop) AS " + DROP_LO
                + ", ci95_high(accuracy_drop) AS " + DROP_HI
                + efficiency.stream().map(c -> ", avg(" + c + ") AS " + c).collect(Collectors.joining())
                + where + " GROUP BY sweep_point" + (varying.isEmpty() ? "" : ", " + String.join(", ", varying))
                + " ORDER BY " + keys + "sweep_point";
        return new SweepPoints(List.copyOf(varying), efficiency, engine.query(sql));
    }

    /** The axes that take more than one value in the experiment. */
    List<String> varying() {
        return varying;
    }

    /** The efficiency columns the results have. */
    List<String> efficiency() {
        return efficiency;
    }

    /** The rows. */
    QueryResult rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    /** What distinguishes row {@code i}: its varying axes that are set, e.g. "technique=ptq · w_bits=4". */
    String label(int i) {
        return label(i, List.of());
    }

    /** As {@link #label(int)}, leaving out the axes in {@code except}. */
    String label(int i, List<String> except) {
        String label = varying.stream().filter(a -> !except.contains(a) && rows.value(i, a) != null)
                .map(a -> a + "=" + rows.value(i, a)).collect(Collectors.joining(" · "));
        return label.isEmpty() ? "all trials" : label;
    }

    /** Just the values of row {@code i}'s varying axes that are set, e.g. "ptq · 4 · per-channel": for tight spaces. */
    String shortLabel(int i) {
        String label = varying.stream().filter(a -> rows.value(i, a) != null).map(a -> String.valueOf(rows.value(i, a)))
                .collect(Collectors.joining(" · "));
        return label.isEmpty() ? "all trials" : label;
    }

    /** Each sweep point's {@link #shortLabel}, by its {@code sweep_point} JSON, in row order. */
    Map<String, String> shortLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            labels.put(rows.text(i, "sweep_point"), shortLabel(i));
        }
        return labels;
    }

    /** Row indices whose {@code column} is not null. */
    List<Integer> withValue(String column) {
        return IntStream.range(0, size()).filter(i -> rows.value(i, column) != null).boxed().toList();
    }
}
