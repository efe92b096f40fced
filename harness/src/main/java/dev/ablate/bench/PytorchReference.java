package dev.ablate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code bench/pytorch_train.py}, PyTorch's CPU training of the same models at the same batch size and thread
 * count, as a child process that times one epoch per request ({@link #open}).
 *
 * <p>The interpreter is {@code /usr/bin/python3} by default, where Debian's {@code python3-torch} lives (a pyenv
 * {@code python3} earlier on the {@code PATH} usually has no torch); {@code ABLATE_PYTHON} or the command's
 * {@code --python} overrides it. The child gets {@code OMP_NUM_THREADS}, {@code MKL_NUM_THREADS} and
 * {@code OPENBLAS_NUM_THREADS} set to the thread count, and the script also calls {@code torch.set_num_threads}.
 *
 * @param python  the interpreter to run
 * @param script  {@code bench/pytorch_train.py}
 * @param timeout how long the whole reference run may take
 */
public record PytorchReference(String python, Path script, Duration timeout) {

    /** Interpreter used unless {@code ABLATE_PYTHON} names another. */
    public static final String DEFAULT_PYTHON = "/usr/bin/python3";

    /** The script's path relative to the repository root. */
    public static final Path SCRIPT = Path.of("bench", "pytorch_train.py");

    private static final String INSTALL_HINT = "install it with 'apt-get install python3-torch' (Debian), or point "
            + "ABLATE_PYTHON or --python at an interpreter that has torch";

    private static final ObjectMapper JSON = new ObjectMapper();

    public PytorchReference {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code ABLATE_PYTHON} when set and not blank, else {@link #DEFAULT_PYTHON}. */
    public static String defaultPython() {
        String env = System.getenv("ABLATE_PYTHON");
        return env == null || env.isBlank() ? DEFAULT_PYTHON : env;
    }

    /**
     * Starts the reference in serve mode: the script imports torch, builds and warms up each model, and then
     * times one epoch whenever {@link Session#epoch} asks, so the caller can alternate its own repetitions with
     * PyTorch's and both see the same machine load. Never throws for a missing interpreter, torch or script: the
     * session is then closed and its {@link Session#result()} says how to fix it.
     *
     * @param models       names the script knows ({@code lenet-300-100}, {@code lenet-5})
     * @param batch        batch size
     * @param threads      intra-op thread count
     * @param examples     examples per epoch
     * @param warmupEpochs untimed epochs per model
     */
    public Session open(List<String> models, int batch, int threads, int examples, int warmupEpochs) {
        if (!Files.isRegularFile(script)) {
            return Session.failed(PytorchResult.without(PytorchResult.Status.UNAVAILABLE, "PyTorch reference "
                    + "unavailable: script " + script + " not found (run from the repository root, or pass --pytorch-script)"));
        }
        Outcome probe = exec(List.of(python, "-c", "import torch; print(torch.__version__)"), threads,
                Duration.ofSeconds(120));
        if (probe.code != 0) {
            return Session.failed(PytorchResult.without(PytorchResult.Status.UNAVAILABLE, "PyTorch reference "
                    + "unavailable: " + python + " cannot import torch (" + lastLine(probe.text) + "); " + INSTALL_HINT));
        }
        List<String> command = List.of(python, script.toString(), "--serve", "--models", String.join(",", models),
                "--batch", Integer.toString(batch), "--threads", Integer.toString(threads),
                "--examples", Integer.toString(examples), "--warmup-epochs", Integer.toString(warmupEpochs),
                "--lr", Double.toString(TrainingBenchmark.LR), "--momentum", Double.toString(TrainingBenchmark.MOMENTUM));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        threadVariables(pb, threads);
        try {
            Session session = new Session(pb.start(), python, timeout);
            session.awaitReady();
            return session;
        } catch (IOException e) {
            return Session.failed(PytorchResult.without(PytorchResult.Status.FAILED, String.join(" ", command)
                    + ": " + e.getMessage()));
        }
    }

    /**
     * A running reference in serve mode. Not thread-safe; close it to end the child process.
     */
    public static final class Session implements AutoCloseable {
        private final Process process;
        private final String python;
        private final Duration timeout;
        private final BufferedReader out;
        private final Writer in;
        private final Map<String, List<Double>> rates = new LinkedHashMap<>();
        private String torchVersion = "";
        private int threads;
        private PytorchResult failure;

        private Session(Process process, String python, Duration timeout) {
            this.process = process;
            this.python = python;
            this.timeout = timeout;
            this.out = process == null ? null
                    : new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = process == null ? null : new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        private static Session failed(PytorchResult why) {
            Session s = new Session(null, "", Duration.ZERO);
            s.failure = why;
            return s;
        }

        private void awaitReady() {
            JsonNode ready = reply();
            if (ready != null && !ready.path("ready").asBoolean(false)) {
                fail("unexpected first line from the PyTorch reference: " + ready);
            } else if (ready != null) {
                torchVersion = ready.path("torch_version").asText("");
                threads = ready.path("threads").asInt(0);
            }
        }

        /** Whether the reference is running (not failed or closed). */
        public boolean running() {
            return failure == null;
        }

        /** Times one PyTorch epoch of {@code model} now and records it; does nothing once the session failed. */
        public void epoch(String model) {
            if (!running()) {
                return;
            }
            try {
                in.write(model + "\n");
                in.flush();
            } catch (IOException e) {
                fail("cannot talk to the PyTorch reference: " + e.getMessage());
                return;
            }
            JsonNode reply = reply();
            if (reply == null) {
                return;
            }
            if (!reply.has("samples_per_s")) {
                fail("PyTorch reference: " + reply);
                return;
            }
            rates.computeIfAbsent(model, k -> new ArrayList<>()).add(reply.get("samples_per_s").asDouble());
        }

        /** What the reference measured, or why it could not. */
        public PytorchResult result() {
            if (failure != null) {
                return failure;
            }
            Map<String, Repetitions> reps = new LinkedHashMap<>();
            rates.forEach((model, values) -> reps.put(model, new Repetitions(values)));
            return new PytorchResult(PytorchResult.Status.MEASURED, python + ", torch " + torchVersion, torchVersion,
                    threads, reps);
        }

        /** One JSON line from the child within the timeout, or null after recording the failure. */
        private JsonNode reply() {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                String text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (text == null) {
                    fail("the PyTorch reference exited early");
                    return null;
                }
                return JSON.readTree(text);
            } catch (TimeoutException e) {
                fail("the PyTorch reference did not answer within " + timeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            } catch (ExecutionException | JsonProcessingException e) {
                fail("unreadable PyTorch reference output: " + e.getMessage());
            }
            return null;
        }

        private void fail(String message) {
            failure = PytorchResult.without(PytorchResult.Status.FAILED, message);
            close();
        }

        @Override
        public void close() {
            if (process != null) {
                try {
                    in.close();
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the child is ended below either way
                } finally {
                    process.destroyForcibly();
                }
            }
        }
    }

    private record Outcome(int code, String text) {
    }

    /** Runs a command with stderr merged into stdout; code -1 when it cannot start, -2 on timeout. */
    private static Outcome exec(List<String> command, int threads, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        threadVariables(pb, threads);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Outcome(-1, e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Outcome(-2, "timed out after " + timeout.toSeconds() + " s");
            }
            return new Outcome(p.exitValue(), output.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(-2, "interrupted");
        }
    }

    private static void threadVariables(ProcessBuilder pb, int threads) {
        for (String var : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
            pb.environment().put(var, Integer.toString(threads));
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
