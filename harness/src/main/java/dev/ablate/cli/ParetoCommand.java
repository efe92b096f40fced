package dev.ablate.cli;

import dev.ablate.results.TrialsTable;
import dev.ablate.results.pareto.ParetoFront;
import dev.ablate.results.pareto.ParetoFront.Direction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ablate pareto EXPERIMENT}: the experiment's ok trials with an {@code on_front} column marking the
 * Pareto front of two result columns ({@link ParetoFront}); front rows first, each part sorted by x. A trial
 * whose x or y is null or NaN is listed but never on the front.
 */
@Command(name = "pareto", mixinStandardHelpOptions = true,
        description = {"Mark the Pareto front of an experiment's ok trials over two columns of the trials table "
                + "(by default: smallest model_bytes, highest accuracy). Front rows come first, sorted by x.",
                "Example: ./ablate pareto quickstart --x latency_ms_b1 --y accuracy --where \"w_bits >= 4\" "
                        + "--label technique,w_bits,seed --front-only"})
final class ParetoCommand implements Callable<Integer> {

    /** Column of {@code --mean-over-seeds}: the seeds averaged into a point. */
    private static final String SEEDS = "seeds";

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment (its name in the trials table).")
    String experiment;

    @Option(names = "--x", paramLabel = "COLUMN", defaultValue = "model_bytes",
            description = "First objective, a numeric column (default: ${DEFAULT-VALUE}); minimized unless --maximize-x.")
    String x;

    @Option(names = "--y", paramLabel = "COLUMN", defaultValue = "accuracy",
            description = "Second objective, a numeric column (default: ${DEFAULT-VALUE}); maximized unless --minimize-y.")
    String y;

    @Option(names = "--maximize-x", description = "Larger x is better.")
    boolean maximizeX;

    @Option(names = "--minimize-y", description = "Smaller y is better.")
    boolean minimizeY;

    @Option(names = "--where", paramLabel = "SQL",
            description = "Keep only the trials matching this Spark SQL condition, e.g. \"w_bits >= 4\".")
    String where;

    @Option(names = "--label", paramLabel = "COLUMNS", split = ",", defaultValue = "technique,sweep_point,seed",
            description = "Columns printed before x and y (default: ${DEFAULT-VALUE}).")
    List<String> labels;

    @Option(names = "--mean-over-seeds", description = "One point per sweep point: x and y averaged over its seeds "
            + "(how many in column 'seeds'); labels that differ between seeds are dropped.")
    boolean meanOverSeeds;

    @Option(names = "--front-only", description = "Print only the rows on the front.")
    boolean frontOnly;

    @Mixin
    ResultsQuery results;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        out.print(results.run(this::render));
        out.flush();
        return 0;
    }

    private String render(SparkSession spark) {
        Dataset<Row> trials = spark.table(TrialsTable.SCHEMA.name());
        LinkedHashSet<String> columns = new LinkedHashSet<>(labels);
        columns.remove(x);
        columns.remove(y);
        columns.add(x);
        columns.add(y);
        check(trials.schema(), columns);
        Dataset<Row> selected = trials.where(functions.col(TrialsTable.EXPERIMENT.name()).equalTo(experiment)
                .and(functions.col(TrialsTable.STATUS.name()).equalTo(TrialsTable.OK)));
        if (where != null) {
            selected = selected.where(where);
        }
        if (meanOverSeeds) {
            columns.removeAll(List.of(TrialsTable.SEED.name(), TrialsTable.TRIAL_ID.name()));
            List<org.apache.spark.sql.Column> keys = new ArrayList<>();
            keys.add(functions.col(TrialsTable.SWEEP_POINT.name()));
            columns.stream().filter(c -> !c.equals(x) && !c.equals(y) && !c.equals(TrialsTable.SWEEP_POINT.name()))
                    .forEach(c -> keys.add(functions.col(c)));
            selected = selected.groupBy(keys.toArray(org.apache.spark.sql.Column[]::new)).agg(
                    functions.avg(x).as(x), functions.avg(y).as(y), functions.count(functions.lit(1)).as(SEEDS),
                    functions.min(TrialsTable.TRIAL_ID.name()).as(TrialsTable.TRIAL_ID.name()));
            columns.remove(x);
            columns.remove(y);
            columns.add(SEEDS);
            columns.add(x);
            columns.add(y);
        }
        List<Row> rows = selected.orderBy(TrialsTable.TRIAL_ID.name())
                .select(columns.stream().map(functions::col).toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList();
        if (rows.isEmpty()) {
            checkExperimentExists(trials);
        }
        int xi = columns.size() - 2;
        double[] xs = rows.stream().mapToDouble(r -> number(r, xi)).toArray();
        double[] ys = rows.stream().mapToDouble(r -> number(r, xi + 1)).toArray();
        boolean[] front = ParetoFront.mark(xs, maximizeX ? Direction.MAXIMIZE : Direction.MINIMIZE,
                ys, minimizeY ? Direction.MINIMIZE : Direction.MAXIMIZE);
        List<Row> marked = IntStream.range(0, rows.size())
                .filter(i -> front[i] || !frontOnly)
                .boxed()
                // stable: ties keep trial_id order
                .sorted(Comparator.<Integer, Boolean>comparing(i -> !front[i]).thenComparingDouble(i -> xs[i]))
                .map(i -> {
                    Object[] values = Arrays.copyOf(rowValues(rows.get(i)), columns.size() + 1);
                    values[columns.size()] = front[i];
                    return RowFactory.create(values);
                })
                .toList();
        List<String> header = new ArrayList<>(columns);
        header.add("on_front");
        return results.format.render(header, marked);
    }

    /** Every requested column exists, and the objectives are numeric. */
    private void check(StructType schema, LinkedHashSet<String> columns) {
        List<String> available = List.of(schema.fieldNames());
        for (String c : columns) {
            if (!available.contains(c)) {
                throw new QueryException("unknown column '" + c + "' (columns of " + TrialsTable.SCHEMA.name() + ": "
                        + String.join(", ", available) + ")");
            }
        }
        for (String c : List.of(x, y)) {
            DataType type = schema.apply(c).dataType();
            if (!(type instanceof NumericType)) {
                throw new QueryException("column '" + c + "' is " + type.simpleString() + ", not numeric");
            }
        }
    }

    private void checkExperimentExists(Dataset<Row> trials) {
        List<String> experiments = trials.select(TrialsTable.EXPERIMENT.name()).distinct()
                .orderBy(TrialsTable.EXPERIMENT.name()).as(Encoders.STRING()).collectAsList();
        if (!experiments.contains(experiment)) {
            throw new QueryException("unknown experiment '" + experiment + "' (experiments: "
                    + String.join(", ", experiments) + ")");
        }
    }

    private static double number(Row row, int i) {
        return row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
    }

    private static Object[] rowValues(Row row) {
        return IntStream.range(0, row.size()).mapToObj(row::get).toArray();
    }
}
