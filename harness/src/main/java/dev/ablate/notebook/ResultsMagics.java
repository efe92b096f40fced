package dev.ablate.notebook;

import dev.ablate.results.query.QueryEngine;
import dev.ablate.results.query.QueryResult;
import dev.ablate.run.SparkSessions;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The kernel's magics, over the {@link Ablate} API's results session. Each gets one argument: the text after its name,
 * as typed (SQL keeps its spaces and quotes).
 * <ul>
 *   <li>{@code %%sql} — the cell's body is one SQL statement; shows its rows.</li>
 *   <li>{@code %sql SELECT …} — the rest of the line is the statement.</li>
 *   <li>{@code %results [--engine duckdb|spark] [--master URL] [DIR]} — reads another root, or switches the engine;
 *       without arguments says which root and engine are in use and the views there. Its words are split at blanks:
 *       a folder whose name has blanks is read with {@code Ablate.results(Path.of("…"))}.</li>
 * </ul>
 */
final class ResultsMagics {

    /** {@code %results}' arguments; picocli parses them, as the command line's. */
    @Command(name = "%results")
    static final class ResultsArguments {
        @Option(names = "--engine", paramLabel = "ENGINE", description = "${COMPLETION-CANDIDATES}")
        QueryEngine engine;

        @Option(names = "--master", paramLabel = "URL", defaultValue = SparkSessions.DEFAULT_MASTER)
        String master;

        @Parameters(arity = "0..1", paramLabel = "DIR")
        Path root;
    }

    private ResultsMagics() {
    }

    /** Registers {@code %%sql}, {@code %sql} and {@code %results} in {@code registry}. */
    static void register(MagicsRegistry registry) {
        registry.registerCellMagic("sql", (kernel, args, body) -> {
            if (!args.get(0).isBlank()) {
                throw new IllegalArgumentException("%%sql takes no arguments, got '" + args.get(0) + "'");
            }
            return sql("%%sql", body);
        });
        registry.registerLineMagic("sql", (kernel, args) -> sql("%sql", args.get(0)));
        registry.registerLineMagic("results", (kernel, args) -> results(args.get(0)));
    }

    private static QueryResult sql(String magic, String sql) {
        if (sql.isBlank()) {
            throw new IllegalArgumentException(magic + " needs a query, e.g. " + magic
                    + (magic.startsWith("%%") ? " and SELECT … on the lines below" : " SELECT count(*) FROM trials"));
        }
        return Ablate.session().query(sql);
    }

    private static String results(String arguments) {
        ResultsArguments parsed = new ResultsArguments();
        CommandLine command = new CommandLine(parsed);
        try {
            command.parseArgs(arguments.isBlank() ? new String[0] : arguments.strip().split("\\s+"));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " (usage: " + command.getHelp().synopsis(0).strip()
                    + ")"); // picocli's message says it all: no cause to show
        }
        ResultsSession session = Ablate.session();
        if (parsed.root != null) {
            session.root(parsed.root);
        }
        if (parsed.engine == QueryEngine.spark) {
            session.spark(parsed.master);
        } else if (parsed.engine == QueryEngine.duckdb) {
            session.duckdb();
        }
        return session.describe();
    }
}
