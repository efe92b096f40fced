package dev.ablate.bench;

import dev.ablate.nn.Blas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The machine and settings a benchmark ran under, recorded next to its numbers so they can be told apart later.
 *
 * @param cpu                 the CPU model from {@code /proc/cpuinfo}, or {@code os.arch} elsewhere
 * @param cores               {@link Runtime#availableProcessors()}
 * @param java                {@code java.vm.name} and {@code java.runtime.version}
 * @param gitCommit           the launcher's {@code -Dablate.git.commit}, empty when unknown
 * @param engineBlas          {@link Blas#implementationName()}: what training uses
 * @param engineBlasWarning   {@link Blas#warning()}, empty when there is none
 * @param openblasThreads     the {@code OPENBLAS_NUM_THREADS} value, {@code "unset"} when absent
 */
public record BenchEnvironment(String cpu, int cores, String java, String gitCommit, String engineBlas,
                               String engineBlasWarning, String openblasThreads) {

    public BenchEnvironment {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(engineBlas, "engineBlas");
        Objects.requireNonNull(engineBlasWarning, "engineBlasWarning");
        Objects.requireNonNull(openblasThreads, "openblasThreads");
    }

    /** This JVM's environment. */
    public static BenchEnvironment current() {
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return new BenchEnvironment(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("ablate.git.commit", ""), Blas.implementationName(), Blas.warning().orElse(""),
                threads == null ? "unset" : threads);
    }

    /**
     * Whether native BLAS calls are single-threaded as the engine assumes: {@code OPENBLAS_NUM_THREADS=1} (the
     * launcher and the tests set it; OpenBLAS reads it once, when it loads, so it cannot be fixed from inside the JVM).
     */
    public boolean singleThreaded() {
        return openblasThreads.equals("1");
    }

    private static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (Stream<String> lines = Files.lines(info)) {
                var model = lines.filter(l -> l.startsWith("model name")).findFirst();
                if (model.isPresent()) {
                    return model.get().substring(model.get().indexOf(':') + 1).strip();
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the architecture name
            }
        }
        return System.getProperty("os.arch");
    }
}
