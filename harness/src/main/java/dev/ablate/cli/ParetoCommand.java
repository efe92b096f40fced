package dev.ablate.cli;

import dev.ablate.results.pareto.ParetoFront.Direction;
import dev.ablate.results.pareto.ParetoQuery;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ablate pareto EXPERIMENT}: the experiment's ok trials with an {@code on_front} column marking the
 * Pareto front of two result columns ({@link ParetoQuery}); front rows first, each part sorted by x. A trial
 * whose x or y is null or NaN is listed but never on the front.
 */
@Command(name = "pareto", mixinStandardHelpOptions = true,
        description = {"Mark the Pareto front of an experiment's ok trials over two columns of the trials table "
                + "(by default: smallest model_bytes, highest accuracy). Front rows come first, sorted by x.",
                "Example: ./ablate pareto quickstart --x latency_ms_b1 --y accuracy --where \"w_bits >= 4\" "
                        + "--label technique,w_bits,seed --front-only"})
final class ParetoCommand implements Callable<Integer> {

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
            description = "Keep only the trials matching this SQL condition, e.g. \"w_bits >= 4\".")
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
        ParetoQuery query = new ParetoQuery(experiment, x, maximizeX ? Direction.MAXIMIZE : Direction.MINIMIZE,
                y, minimizeY ? Direction.MINIMIZE : Direction.MAXIMIZE, where, labels, meanOverSeeds, frontOnly);
        PrintWriter out = command.commandLine().getOut();
        out.print(results.run(engine -> results.format.render(query.run(engine))));
        out.flush();
        return 0;
    }
}
