package dev.ablate.testing;

import dev.ablate.cli.AblateCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The results of {@code experiments/quickstart.yaml} shrunk to test size — the same experiment name, seeds and
 * sweep cases, on a small synthetic dataset with a smaller MLP, fewer epochs and a short latency protocol — beside
 * experiment {@value #SENSITIVITY} (int8 weights and activations that deploy integer-only, and layer-wise 2- and
 * 8-bit sensitivity), so every example query of the READMEs has rows. Run once per test JVM (about twenty seconds)
 * into {@code target/quickstart-fixture/} and shared by the tests that read results (query engines, report,
 * browser).
 */
public final class QuickstartFixture {

    /** What the shrinking replaces in the quickstart spec; each must be found, so a changed quickstart fails loudly. */
    private static final Map<String, String> SHRINK = new LinkedHashMap<>();

    static {
        SHRINK.put("dataset: {name: fashion-mnist-mini}",
                "dataset: {name: synthetic, train_size: 800, test_size: 400, features: 24, classes: 4, validation: 100}");
        SHRINK.put("hidden: [256, 128]", "hidden: [32, 16]");
        SHRINK.put("epochs: 8", "epochs: 2");
        SHRINK.put("reps: 5, warmup_ms: 100, min_rep_ms: 10", "reps: 3, warmup_ms: 0, min_rep_ms: 1");
    }

    /** The second experiment's name. */
    public static final String SENSITIVITY = "fixture-sensitivity";

    private static final String SENSITIVITY_SPEC = """
            experiment: fixture-sensitivity
            dataset: {name: synthetic, train_size: 800, test_size: 400, features: 24, classes: 4, validation: 100}
            seeds: [0, 1]
            base:
              model: {arch: mlp, hidden: [32, 16]}
              train: {epochs: 2, batch: 64, lr: 0.05}
              compress:
                quantize:
                  weights: {format: int, symmetric: true, granularity: per-tensor}
              eval: {latency: off}
            sweep:
              cases:
                - {}
                - {compress.quantize.activations: {bits: 8}}
              layerwise:
                compress.quantize.weights.bits: [2, 8]
              exclude:
                - {compress.quantize.activations.bits: 8, compress.quantize.weights.bits: 2}
            """;

    private static Path root;

    private QuickstartFixture() {
    }

    /** The results root holding experiment {@code quickstart}, run on first use. */
    public static synchronized Path results() {
        if (root == null) {
            root = run();
        }
        return root;
    }

    private static Path run() {
        try {
            Path dir = Path.of("target", "quickstart-fixture").toAbsolutePath();
            delete(dir);
            Files.createDirectories(dir);
            String spec = Files.readString(Path.of("..", "experiments", "quickstart.yaml"));
            for (Map.Entry<String, String> e : SHRINK.entrySet()) {
                if (!spec.contains(e.getKey())) {
                    throw new IllegalStateException("experiments/quickstart.yaml no longer contains '" + e.getKey()
                            + "': update QuickstartFixture");
                }
                spec = spec.replace(e.getKey(), e.getValue());
            }
            Path results = dir.resolve("results");
            run(Files.writeString(dir.resolve("quickstart-mini.yaml"), spec), results);
            run(Files.writeString(dir.resolve("sensitivity-mini.yaml"), SENSITIVITY_SPEC), results);
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path spec, Path results) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AblateCli.execute(new PrintWriter(out), new PrintWriter(err), "run", spec.toString(), "--results",
                results.toString(), "--master", "local[2]", "--quiet");
        if (code != 0) {
            throw new IllegalStateException("the fixture " + spec.getFileName() + " failed (" + code + "): " + err + out);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
