package dev.ablate.cli;

import dev.ablate.notebook.AblateKernel;
import dev.ablate.notebook.Checkout;
import dev.ablate.notebook.Jupyter;
import dev.ablate.notebook.Kernelspec;
import dev.ablate.run.Provenance;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ablate notebook}: Jupyter on 127.0.0.1 with a token, the Ablate kernel installed, in {@code notebooks/};
 * {@code ablate notebook install} writes the kernelspec; {@code ablate notebook kernel FILE} is the kernel, as Jupyter
 * starts it. The kernelspec starts this harness the way {@code ./ablate} does: the same java, the build's JVM flags
 * ({@code jvm.options}), {@code $ABLATE_JAVA_OPTS} (default {@value #DEFAULT_JAVA_OPTIONS}) and the launcher's
 * environment.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        subcommands = {NotebookCommand.Install.class, NotebookCommand.Kernel.class},
        description = {"Start Jupyter (Debian: jupyter-notebook) on 127.0.0.1 with a token, in notebooks/, with the "
                + "'Java (Ablate)' kernel installed: Java cells on the harness's class path, %%%%sql and %%sql over the "
                + "results, Ablate.sql/report/charts/pareto, tables as HTML and charts as SVG.",
                "Example: ./ablate notebook --no-browser"})
final class NotebookCommand implements Callable<Integer> {

    /** JVM options when {@code ABLATE_JAVA_OPTS} is unset or empty, as {@code ./ablate}. */
    static final String DEFAULT_JAVA_OPTIONS = "-Xmx4g";

    /** What {@code ./ablate} exports for the harness. */
    static final Map<String, String> ENVIRONMENT = Map.of("OPENBLAS_NUM_THREADS", "1", "SPARK_LOCAL_IP", "127.0.0.1");

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the notebook server (default: a free one).")
    Integer port;

    @Option(names = "--no-browser", description = "Do not open a browser.")
    boolean noBrowser;

    @Option(names = "--allow-root", description = "Let Jupyter run as root (it refuses otherwise), e.g. in a container.")
    boolean allowRoot;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        String path = System.getenv("PATH");
        Optional<Path> notebook = Jupyter.find(Jupyter.NOTEBOOK, path);
        if (notebook.isEmpty()) {
            err.println("ablate notebook: " + Jupyter.MISSING);
            err.flush();
            return AblateCli.BAD_INPUT;
        }
        Path kernel = kernelspec().installInto(Jupyter.userKernels(Jupyter.find(Jupyter.JUPYTER, path), home()));
        Path notebooks = Checkout.running().map(Checkout::notebooks).orElse(Path.of("").toAbsolutePath());
        int serverPort = port != null ? port : freePort();
        String token = randomToken();
        // our own port and token (not Jupyter's choice), so we can print the URL: Jupyter masks a token it did not make
        List<String> jupyter = new ArrayList<>(List.of(notebook.get().toString(), "--ip=127.0.0.1",
                "--port=" + serverPort, "--port-retries=0"));
        if (noBrowser) {
            jupyter.add("--no-browser");
        }
        if (allowRoot) {
            jupyter.add("--allow-root");
        }
        ProcessBuilder server = new ProcessBuilder(jupyter).directory(notebooks.toFile()).inheritIO();
        // the token in the environment, not on the command line, where other users' ps would show it
        server.environment().put("JUPYTER_TOKEN", token);
        PrintWriter out = command.commandLine().getOut();
        out.println("Kernel '" + Kernelspec.DISPLAY_NAME + "' installed in " + kernel + ".");
        out.println("Jupyter serves " + notebooks + " at http://127.0.0.1:" + serverPort + "/?token=" + token
                + " (Ctrl-C stops it).");
        out.flush();
        Process process = server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy)); // Ctrl-C on the launcher stops Jupyter too
        return process.waitFor();
    }

    /** The kernelspec that starts this harness as {@code ./ablate} would, running {@code notebook kernel}. */
    static Kernelspec kernelspec() {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(words(Provenance.buildProperty("jvm.options")));
        String options = System.getenv("ABLATE_JAVA_OPTS");
        java.addAll(words(options == null || options.isEmpty() ? DEFAULT_JAVA_OPTIONS : options));
        java.add("-Djava.awt.headless=true"); // charts draw PNGs; no window system, no dock icon
        java.add("-cp");
        java.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        java.addAll(List.of(AblateCli.class.getName(), "notebook", "kernel"));
        return Kernelspec.starting(java, ENVIRONMENT);
    }

    /** A port nothing listens on now, on the loopback interface. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** 24 random bytes in hex: Jupyter's own tokens are as long. */
    private static String randomToken() {
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    /** {@code ablate notebook install}: the kernelspec only. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install the 'Java (Ablate)' kernelspec into the user's Jupyter data directory "
                    + "($(jupyter --data-dir)/kernels, else ~/.local/share/jupyter/kernels) or under --prefix.",
                    "Example: ./ablate notebook install --prefix /usr/local"})
    static final class Install implements Callable<Integer> {

        @Option(names = "--prefix", paramLabel = "DIR",
                description = "Install into DIR/share/jupyter/kernels instead (a virtual environment, /usr/local).")
        Path prefix;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            Path kernels = prefix != null ? Jupyter.prefixKernels(prefix)
                    : Jupyter.userKernels(Jupyter.find(Jupyter.JUPYTER, System.getenv("PATH")), home());
            Path dir = kernelspec().installInto(kernels);
            PrintWriter out = command.commandLine().getOut();
            out.println("Installed kernel '" + Kernelspec.DISPLAY_NAME + "' in " + dir);
            out.flush();
            return 0;
        }
    }

    /** {@code ablate notebook kernel FILE}: the kernel, serving Jupyter until it shuts the kernel down. */
    @Command(name = "kernel", mixinStandardHelpOptions = true,
            description = "Run the Ablate kernel on a Jupyter connection file (Jupyter starts it from the kernelspec).")
    static final class Kernel implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter wrote.")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            AblateKernel.run(connectionFile);
            return 0;
        }
    }
}
