package dev.ablate.notebook;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Jupyter installed on this machine, as Debian packages it ({@code jupyter-notebook}, {@code jupyter-nbconvert},
 * and {@code jupyter} from jupyter-core): where its commands are, and where it looks for kernelspecs.
 */
public final class Jupyter {

    /** The command that starts the notebook server. */
    public static final String NOTEBOOK = "jupyter-notebook";
    /** jupyter-core's command, which knows the user's data directory. */
    public static final String JUPYTER = "jupyter";
    /** What to say when {@link #NOTEBOOK} is missing. */
    public static final String MISSING = "Jupyter is not installed (no " + NOTEBOOK + " on the PATH); on Debian or "
            + "Ubuntu install it with: sudo apt-get install jupyter-notebook jupyter-nbconvert";

    /** How long {@code jupyter --data-dir} may take. */
    private static final long DATA_DIR_SECONDS = 30;

    private Jupyter() {
    }

    /** The executable {@code command} in the first folder of {@code path} (a PATH value) that has one. */
    public static Optional<Path> find(String command, String path) {
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command)).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    /**
     * The user's kernelspec folder: {@code $(jupyter --data-dir)/kernels} when {@code jupyter} is given and answers,
     * else {@code ~/.local/share/jupyter/kernels} (Jupyter's default on Linux).
     */
    public static Path userKernels(Optional<Path> jupyter, Path home) {
        return jupyter.flatMap(Jupyter::dataDir).orElse(home.resolve(".local").resolve("share").resolve("jupyter"))
                .resolve("kernels");
    }

    /** The kernelspec folder of an installation prefix: {@code PREFIX/share/jupyter/kernels}. */
    public static Path prefixKernels(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }

    private static Optional<Path> dataDir(Path jupyter) {
        try {
            Process p = new ProcessBuilder(jupyter.toString(), "--data-dir").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(DATA_DIR_SECONDS, TimeUnit.SECONDS)) { // one line of output: the pipe does not fill
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && !out.isEmpty() && !out.contains("\n") ? Optional.of(Path.of(out))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
