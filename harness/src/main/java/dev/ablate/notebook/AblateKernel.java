package dev.ablate.notebook;

import dev.ablate.notebook.CellPart.CellMagicCall;
import dev.ablate.notebook.CellPart.Code;
import dev.ablate.notebook.CellPart.LineMagicCall;
import dev.ablate.results.query.ResultsQueryException;
import dev.ablate.run.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.slf4j.LoggerFactory;

/**
 * The Jupyter kernel of Ablate's notebooks: Java on the harness's class path, with magics over the results.
 *
 * <p>A cell is Java — statements, declarations, expressions, as JShell takes them ({@link JavaCells}: evaluated in
 * this JVM, so cells get the objects the {@link Ablate} API returns) — with line magics between, or one cell magic
 * ({@link CellPart}, {@link ResultsMagics}: {@code %%sql}, {@code %sql}, {@code %results}). The value of the cell's
 * last expression is displayed ({@link Displays}: tables as HTML, charts as SVG and PNG, reports as their page).
 *
 * <p>An error ends the cell, not the kernel, and shows as a Jupyter error with a short text: a query error as its
 * one-line message, a compile error as the compiler's diagnostics, an exception as its class and message (and its
 * causes'), without frames. Interrupts come as messages (the kernelspec says so; a signal would end the JVM) and
 * interrupt the thread that runs the cell.
 *
 * <p>Logs (Spark's, DuckDB's) go to the kernel process's stderr, which Jupyter keeps out of cells: the kernel binds
 * the logging back ends to stderr before any cell redirects {@code System.err}.
 */
public final class AblateKernel extends BaseKernel {

    /** The kernel's name in {@code kernel_info} (its implementation); the kernelspec's name is {@link Kernelspec#NAME}. */
    static final String NAME = "ablate";

    /** Most exceptions of a cause chain shown. */
    private static final int MAX_CAUSES = 4;
    /** Most lines of one exception's message shown. */
    private static final int MAX_MESSAGE_LINES = 10;

    private final JavaCells cells;

    private AblateKernel(MagicsRegistry magics, String classPath) {
        super(NAME, Provenance.buildProperty("version"), new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString()).mimetype("text/x-java-source").fileExtension(".jshell")
                        .pygments("java").codemirror("text/x-java").build(), List.of(), null,
                new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, magics, false,
                new StringStyler.Builder().build());
        Displays.register(renderer);
        ResultsMagics.register(magics);
        cells = new JavaCells(classPath);
    }

    /**
     * A kernel whose cells compile against {@code classPath} (the JVM's own class path: the harness); nothing is
     * compiled before the first cell.
     */
    public static AblateKernel create(String classPath) {
        bindLogsToStderr();
        return new AblateKernel(new MagicsRegistry(), classPath);
    }

    /**
     * Serves Jupyter as its connection file says, until Jupyter asks the kernel to shut down.
     *
     * @throws IOException              if the connection file cannot be read
     * @throws GeneralSecurityException if its signature scheme is not available
     */
    public static void run(Path connectionFile) throws IOException, GeneralSecurityException {
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection jupyter = new JupyterConnection(connection);
        AblateKernel kernel = create(System.getProperty("java.class.path"));
        kernel.onStartup();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
    }

    /** The notebook kernel running in this JVM, between its startup and its shutdown. */
    static Optional<BaseKernel> running() {
        return Optional.ofNullable(notebookKernel);
    }

    /**
     * Log4j's console appender and java.util.logging's console handler take {@code System.err} when they are first
     * used; a cell redirects {@code System.err} into the notebook while it runs, and a library that first logs during
     * a cell (Spark starting) would log into cells from then on. Used once here, both keep the process's stderr.
     */
    private static void bindLogsToStderr() {
        LoggerFactory.getILoggerFactory();
        Logger.getLogger("").getHandlers();
    }

    @Override
    public Object evalRaw(String source) {
        try {
            Object value = null;
            for (CellPart part : CellPart.split(source)) {
                value = run(part);
            }
            return value;
        } catch (RuntimeException e) {
            e.setStackTrace(new StackTraceElement[0]); // the error reply carries frames too: the kernel's, of no use
            throw e;
        }
    }

    private Object run(CellPart part) {
        try {
            if (part instanceof Code code) {
                return cells.eval(code.source());
            }
            if (part instanceof LineMagicCall line) {
                if (!magicsRegistry.getLineMagicNames().contains(line.name())) {
                    throw unknownMagic("%" + line.name());
                }
                return magicsRegistry.evalLineMagic(this, line.name(), List.of(line.arguments()));
            }
            CellMagicCall cell = (CellMagicCall) part;
            if (!magicsRegistry.getCellMagicNames().contains(cell.name())) {
                throw unknownMagic("%%" + cell.name());
            }
            return magicsRegistry.evalCellMagic(this, cell.name(), List.of(cell.arguments()), cell.body());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // the registry's signature; our magics throw unchecked exceptions only
            throw new CellException(e);
        }
    }

    private IllegalArgumentException unknownMagic(String spelled) {
        return new IllegalArgumentException("unknown magic " + spelled + " (magics: " + String.join(", ", magicNames())
                + ")");
    }

    private List<String> magicNames() {
        return Stream.concat(magicsRegistry.getCellMagicNames().stream().map(n -> "%%" + n),
                magicsRegistry.getLineMagicNames().stream().map(n -> "%" + n)).sorted().toList();
    }

    /**
     * The error text a notebook shows: {@code query error: …} for a query Ablate rejected, {@code compile error: …}
     * and the diagnostics for Java that does not compile, else the exception's class and message and those of its
     * causes. No stack frames.
     */
    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof ResultsQueryException) {
            return List.of("query error: " + e.getMessage());
        }
        if (e instanceof CompilationError) {
            return ("compile error: " + e.getMessage()).lines().toList();
        }
        List<String> lines = new ArrayList<>();
        Throwable shown = e instanceof CellException ? e.getCause() : e;
        for (int depth = 0; shown != null && depth < MAX_CAUSES; shown = shown.getCause(), depth++) {
            String text = (depth == 0 ? "" : "caused by ") + shown.getClass().getName()
                    + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
            text.lines().limit(MAX_MESSAGE_LINES).forEach(lines::add);
        }
        return lines;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<String> docs = cells.documentation(code, at);
        return docs.isEmpty() ? null : new DisplayData(String.join("\n\n", docs));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        String line = code.substring(lineStart, at);
        if (line.stripLeading().startsWith("%")) {
            String typed = line.strip();
            List<String> magics = magicNames().stream().filter(m -> m.startsWith(typed)).toList();
            return magics.isEmpty() ? null : new ReplacementOptions(magics, at - typed.length(), at);
        }
        int[] anchor = new int[1];
        List<String> options = cells.complete(code, at, anchor);
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) {
            return IS_COMPLETE_YES;
        }
        return switch (cells.completeness(code)) {
            case EMPTY, COMPLETE, COMPLETE_WITH_SEMI -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        cells.interrupt();
    }

    /** Closes the results session (DuckDB, Spark) and JShell before Jupyter's connection closes. */
    @Override
    public void onShutdown(boolean isRestarting) {
        try {
            Ablate.reset();
            cells.close();
        } finally {
            super.onShutdown(isRestarting);
        }
    }
}
