package dev.ablate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/pytorch_train.py}, PyTorch's CPU training of the same models at the same batch size and thread
 * count, and reads the one JSON line it prints.
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
     * Trains each model in PyTorch and reports its throughput. Never throws for a missing interpreter, torch or
     * script: those are {@link PytorchResult.Status#UNAVAILABLE} results whose message says how to fix them.
     *
     * @param models       names the script knows ({@code lenet-300-100}, {@code lenet-5})
     * @param batch        batch size
     * @param threads      intra-op thread count
     * @param examples     examples per epoch
     * @param warmupEpochs untimed epochs per model
     * @param reps         timed one-epoch repetitions per model
     */
    public PytorchResult run(List<String> models, int batch, int threads, int examples, int warmupEpochs, int reps) {
        if (!Files.isRegularFile(script)) {
            return PytorchResult.without(PytorchResult.Status.UNAVAILABLE, "PyTorch reference unavailable: script "
                    + script + " not found (run from the repository root, or pass --pytorch-script)");
        }
        Outcome probe = exec(List.of(python, "-c", "import torch; print(torch.__version__)"), threads,
                Duration.ofSeconds(120));
        if (probe.code != 0) {
            return PytorchResult.without(PytorchResult.Status.UNAVAILABLE, "PyTorch reference unavailable: " + python
                    + " cannot import torch (" + lastLine(probe.text) + "); " + INSTALL_HINT);
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--models", String.join(",", models),
                "--batch", Integer.toString(batch), "--threads", Integer.toString(threads),
                "--examples", Integer.toString(examples), "--warmup-epochs", Integer.toString(warmupEpochs),
                "--reps", Integer.toString(reps),
                "--lr", Double.toString(TrainingBenchmark.LR), "--momentum", Double.toString(TrainingBenchmark.MOMENTUM)));
        Outcome run = exec(command, threads, timeout);
        if (run.code != 0) {
            return PytorchResult.without(PytorchResult.Status.FAILED, String.join(" ", command) + " exited with "
                    + run.code + ": " + lastLine(run.text));
        }
        try {
            return parse(lastLine(run.text), python);
        } catch (IllegalArgumentException e) {
            return PytorchResult.without(PytorchResult.Status.FAILED, e.getMessage());
        }
    }

    /**
     * Reads the script's JSON line.
     *
     * @throws IllegalArgumentException if it is not the script's format (the message quotes it)
     */
    static PytorchResult parse(String line, String python) {
        try {
            JsonNode root = JSON.readTree(line);
            if (root == null || !root.path("results").isArray()) {
                throw new IllegalArgumentException("no 'results' array in the PyTorch reference output: " + line);
            }
            Map<String, Repetitions> rates = new LinkedHashMap<>();
            for (JsonNode model : root.get("results")) {
                List<Double> values = new ArrayList<>();
                model.path("samples_per_s").forEach(v -> values.add(v.asDouble()));
                rates.put(model.path("model").asText(), new Repetitions(values));
            }
            String version = root.path("torch_version").asText("");
            return new PytorchResult(PytorchResult.Status.MEASURED, python + ", torch " + version, version,
                    root.path("threads").asInt(0), rates);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable PyTorch reference output (" + e.getOriginalMessage() + "): "
                    + line, e);
        }
    }

    private record Outcome(int code, String text) {
    }

    /** Runs a command with stderr merged into stdout; code -1 when it cannot start, -2 on timeout. */
    private static Outcome exec(List<String> command, int threads, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (String var : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
            pb.environment().put(var, Integer.toString(threads));
        }
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
