package dev.ablate.cli;

import dev.ablate.data.DatasetUnavailableException;
import dev.ablate.results.query.ResultsQueryException;
import dev.ablate.run.Provenance;
import dev.ablate.spec.SpecException;
import dev.ablate.run.SparkSessions;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ablate} command line. Exit codes: 0 success, 1 a failure while running (a sweep with failed
 * trials still exits 0: the failures are rows), 2 bad input — an invalid spec, unknown option, missing
 * dataset — reported as one message, with nothing written.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true, versionProvider = AblateCli.Version.class,
        description = "Declarative model-compression ablations on Apache Spark.",
        subcommands = {RunCommand.class, PlanCommand.class, QueryCommand.class, ParetoCommand.class, ReportCommand.class,
                NotebookCommand.class, DatasetsCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class AblateCli {

    /** Exit code for bad input. */
    static final int BAD_INPUT = 2;

    /**
     * netlib logs through java.util.logging a WARNING for every BLAS it fails to load (JNIBLAS without a native library
     * is the normal case); the implementation in use is a result column and a line of {@code ablate datasets} and
     * {@code bench} instead. Held here: java.util.logging keeps loggers only weakly.
     */
    private static final Logger NETLIB = Logger.getLogger("dev.ludovic.netlib");

    static {
        NETLIB.setLevel(Level.SEVERE);
    }

    /** {@code --verbose}, on every command: library logs as they come (netlib, Spark at INFO). */
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show library logs (BLAS loading, Spark INFO).")
    void verbose(boolean verbose) {
        NETLIB.setLevel(verbose ? Level.ALL : Level.SEVERE);
        if (verbose) {
            System.setProperty(SparkSessions.LOG_LEVEL_PROPERTY, "INFO");
        } else {
            System.clearProperty(SparkSessions.LOG_LEVEL_PROPERTY);
        }
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI writing to {@code out} and {@code err}, and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AblateCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SpecException || e instanceof DatasetUnavailableException) {
                cmd.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof ResultsQueryException) {
                cmd.getErr().println("query error: " + e.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Prints the harness version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ablate " + Provenance.buildProperty("version")};
        }
    }
}
