package dev.ablate.results.pareto;

import dev.ablate.results.TrialsTable;
import dev.ablate.results.pareto.ParetoFront.Direction;
import dev.ablate.results.query.ColumnKind;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.ResultsEngine;
import dev.ablate.results.query.ResultsQueryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An experiment's ok trials with an {@code on_front} column marking the {@link ParetoFront} of two numeric columns of
 * the trials table: the label columns, then x and y (and, averaged over seeds, the number of seeds before them), front
 * rows first, each part sorted by x, ties in trial order. A trial whose x or y is null or NaN is listed but never on
 * the front. The same SQL runs on either {@link ResultsEngine}.
 *
 * @param experiment    the experiment (its name in the trials table)
 * @param x             the first objective's column
 * @param xDirection    whether smaller or larger x is better
 * @param y             the second objective's column
 * @param yDirection    whether smaller or larger y is better
 * @param where         an SQL condition the trials must also meet, or null
 * @param labels        columns listed before x and y
 * @param meanOverSeeds one point per sweep point: x and y averaged over its seeds (their number in {@value #SEEDS});
 *                      seed and trial_id are dropped from the labels, and the remaining labels group the points too
 * @param frontOnly     keep only the rows on the front
 */
public record ParetoQuery(String experiment, String x, Direction xDirection, String y, Direction yDirection,
        String where, List<String> labels, boolean meanOverSeeds, boolean frontOnly) {

    /** The column that says whether a row is on the front. */
    public static final String ON_FRONT = "on_front";
    /** The column of {@link #meanOverSeeds}: how many seeds were averaged into a point. */
    public static final String SEEDS = "seeds";

    /** Copies {@code labels}. */
    public ParetoQuery {
        labels = List.copyOf(labels);
    }

    /**
     * Runs the query.
     *
     * @throws ResultsQueryException if a column does not exist, an objective is not numeric, the experiment has no
     *                               trials, or {@code where} is not valid SQL
     */
    public QueryResult run(ResultsEngine engine) {
        LinkedHashSet<String> columns = new LinkedHashSet<>(labels);
        columns.remove(x);
        columns.remove(y);
        if (meanOverSeeds) {
            columns.removeAll(List.of(TrialsTable.SEED.name(), TrialsTable.TRIAL_ID.name()));
        }
        check(engine.describe(TrialsTable.SCHEMA.name()), columns);
        String from = " FROM " + TrialsTable.SCHEMA.name() + " WHERE " + TrialsTable.EXPERIMENT.name() + " = "
                + ResultsEngine.literal(experiment) + " AND " + TrialsTable.STATUS.name() + " = "
                + ResultsEngine.literal(TrialsTable.OK)
                + (where == null ? "" : " AND (" + where + ")");
        String labelList = columns.stream().map(c -> c + ", ").collect(Collectors.joining());
        String sql;
        if (meanOverSeeds) {
            LinkedHashSet<String> keys = new LinkedHashSet<>(columns);
            keys.add(TrialsTable.SWEEP_POINT.name());
            sql = "SELECT " + labelList + "count(*) AS " + SEEDS + ", avg(" + x + ") AS " + x + ", avg(" + y + ") AS " + y
                    + ", min(" + TrialsTable.TRIAL_ID.name() + ") AS first_trial" + from
                    + " GROUP BY " + String.join(", ", keys) + " ORDER BY first_trial";
        } else {
            sql = "SELECT " + labelList + x + ", " + y + from + " ORDER BY " + TrialsTable.TRIAL_ID.name();
        }
        QueryResult rows = engine.query(sql);
        if (rows.size() == 0) {
            checkExperimentExists(engine);
        }
        List<String> header = new ArrayList<>(rows.columns());
        List<ColumnKind> kinds = new ArrayList<>(rows.kinds());
        if (meanOverSeeds) { // the grouping's helper column
            header.remove(header.size() - 1);
            kinds.remove(kinds.size() - 1);
        }
        int xi = header.indexOf(x);
        double[] xs = IntStream.range(0, rows.size()).mapToDouble(i -> rows.number(i, x)).toArray();
        double[] ys = IntStream.range(0, rows.size()).mapToDouble(i -> rows.number(i, y)).toArray();
        boolean[] front = ParetoFront.mark(xs, xDirection, ys, yDirection);
        List<List<Object>> marked = IntStream.range(0, rows.size())
                .filter(i -> front[i] || !frontOnly)
                .boxed()
                .sorted(Comparator.<Integer, Boolean>comparing(i -> !front[i]).thenComparingDouble(i -> xs[i]))
                .map(i -> {
                    List<Object> row = new ArrayList<>(rows.rows().get(i).subList(0, xi + 2));
                    row.add(front[i]);
                    return row;
                })
                .toList();
        header.add(ON_FRONT);
        kinds.add(ColumnKind.BOOLEAN);
        return new QueryResult(header, kinds, marked);
    }

    /** Every requested column exists, and the objectives are numeric. */
    private void check(QueryResult schema, LinkedHashSet<String> columns) {
        List<String> requested = new ArrayList<>(columns);
        requested.add(x);
        requested.add(y);
        for (String c : requested) {
            if (!schema.columns().contains(c)) {
                throw new ResultsQueryException("unknown column '" + c + "' (columns of " + TrialsTable.SCHEMA.name()
                        + ": " + String.join(", ", schema.columns()) + ")");
            }
        }
        for (String c : List.of(x, y)) {
            ColumnKind kind = schema.kinds().get(schema.column(c));
            if (!kind.isNumeric()) {
                throw new ResultsQueryException("column '" + c + "' is " + kind.name().toLowerCase(java.util.Locale.ROOT) + ", not numeric");
            }
        }
    }

    private void checkExperimentExists(ResultsEngine engine) {
        String e = TrialsTable.EXPERIMENT.name();
        QueryResult experiments = engine.query("SELECT DISTINCT " + e + " FROM " + TrialsTable.SCHEMA.name()
                + " ORDER BY " + e);
        List<String> names = IntStream.range(0, experiments.size()).mapToObj(i -> experiments.text(i, e)).toList();
        if (!names.contains(experiment)) {
            throw new ResultsQueryException("unknown experiment '" + experiment + "' (experiments: "
                    + String.join(", ", names) + ")");
        }
    }
}
