package dev.ablate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A command prints only what was asked for: in a fresh JVM (BLAS loads there for the first time), {@code ablate
 * datasets} writes its table and a BLAS line to stdout and nothing to stderr but the JVM's own incubator-module line,
 * which the launcher script drops; {@code --verbose} lets netlib's loading messages through.
 */
class QuietCommandLineTest {

    private record Output(int code, String out, List<String> err) {
    }

    private static Output run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agentlib")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AblateCli.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ablate " + String.join(" ", args) + " did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules:")).toList();
        return new Output(p.exitValue(), out, err);
    }

    @Test
    void datasetsPrintsItsTableAndTheBlasInUseAndNoLogNoise() throws Exception {
        Output o = run("datasets");
        assertEquals(0, o.code(), String.join("\n", o.err()));
        assertEquals(List.of(), o.err());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("BLAS: ")), o.out());
        assertTrue(o.out().contains("fashion-mnist-mini"), o.out());
    }

    @Test
    void verboseShowsLibraryLogs() throws Exception {
        Output o = run("--verbose", "datasets");
        assertEquals(0, o.code(), String.join("\n", o.err()));
        boolean nativeBlas = o.out().contains("BLAS: JNIBLAS");
        // without a native BLAS, netlib says it could not load one; with one, it says nothing worth a warning
        assertTrue(nativeBlas || o.err().stream().anyMatch(l -> l.contains("dev.ludovic.netlib")), o.err().toString());
    }
}
