package dev.ablate.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.cli.AblateCli;
import dev.ablate.notebook.KernelClient.Execution;
import dev.ablate.run.Provenance;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate notebook install}: the kernel.json Jupyter reads (name, how to start the harness as the launcher does,
 * interrupts as messages), that it starts a kernel which answers within seconds when run as Jupyter runs it, and where
 * Jupyter and the user's kernelspecs are found.
 */
class KernelspecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode install() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AblateCli.execute(new PrintWriter(out), new PrintWriter(err), "notebook", "install", "--prefix",
                dir.toString());
        assertEquals(0, code, err.toString());
        Path spec = dir.resolve("share/jupyter/kernels/ablate");
        assertEquals("Installed kernel 'Java (Ablate)' in " + spec + System.lineSeparator(), out.toString());
        return JSON.readTree(Files.readString(spec.resolve("kernel.json")));
    }

    private static List<String> argv(JsonNode spec) {
        List<String> argv = new ArrayList<>();
        spec.path("argv").forEach(a -> argv.add(a.asText()));
        return argv;
    }

    @Test
    void installWritesAKernelJsonThatStartsTheHarnessAsTheLauncherDoes() throws Exception {
        JsonNode spec = install();
        assertEquals("Java (Ablate)", spec.path("display_name").asText());
        assertEquals("java", spec.path("language").asText());
        assertEquals("message", spec.path("interrupt_mode").asText());
        assertEquals(Map.of("OPENBLAS_NUM_THREADS", "1", "SPARK_LOCAL_IP", "127.0.0.1"),
                JSON.convertValue(spec.path("env"), Map.class));
        List<String> argv = argv(spec);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), argv.get(0));
        for (String option : Provenance.buildProperty("jvm.options").split("\\s+")) {
            assertTrue(argv.contains(option), option + " in " + argv);
        }
        String javaOptions = System.getenv("ABLATE_JAVA_OPTS");
        assertTrue(argv.contains(javaOptions == null || javaOptions.isEmpty() ? "-Xmx4g" : javaOptions.split("\\s+")[0]),
                argv.toString());
        assertTrue(argv.contains("-Djava.awt.headless=true"), argv.toString());
        String classPath = argv.get(argv.indexOf("-cp") + 1);
        assertTrue(Arrays.stream(classPath.split(File.pathSeparator)).allMatch(p -> Path.of(p).isAbsolute()), classPath);
        assertEquals(List.of("dev.ablate.cli.AblateCli", "notebook", "kernel", "{connection_file}"),
                argv.subList(argv.size() - 4, argv.size()));
    }

    @Test
    void theInstalledSpecStartsAKernelThatAnswersWithinSeconds() throws Exception {
        JsonNode spec = install();
        Path connection = KernelClient.connectionFile(dir);
        List<String> argv = argv(spec).stream().map(a -> a.equals(Kernelspec.CONNECTION_FILE) ? connection.toString() : a)
                .toList();
        ProcessBuilder jupyterWould = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kernel.log").toFile());
        spec.path("env").fields().forEachRemaining(e -> jupyterWould.environment().put(e.getKey(), e.getValue().asText()));
        long start = System.nanoTime();
        Process kernel = jupyterWould.start();
        try (KernelClient client = KernelClient.connect(connection, Duration.ofMinutes(1))) {
            double answered = (System.nanoTime() - start) / 1e9;
            Execution e = client.execute("Ablate.class.getSimpleName() + \" \" + (6 * 7)");
            double firstCell = (System.nanoTime() - start) / 1e9;
            assertEquals("Ablate 42", e.result().path("text/plain").asText(), e.toString());
            System.out.printf("kernel process: kernel_info answered after %.1f s, first cell done after %.1f s%n",
                    answered, firstCell);
            assertTrue(answered < 30, "the kernel answered only after " + answered + " s");
            assertEquals("shutdown_reply", client.shutdown().type());
            assertTrue(kernel.waitFor(30, TimeUnit.SECONDS), "the kernel process still runs after shutdown");
            assertEquals(0, kernel.exitValue(), Files.readString(dir.resolve("kernel.log")));
        } finally {
            kernel.destroyForcibly();
        }
    }

    @Test
    void aSpecEndsWithTheConnectionFile() {
        Kernelspec spec = Kernelspec.starting(List.of("java", "-jar", "x.jar"), Map.of("B", "2", "A", "1"));
        assertEquals(List.of("java", "-jar", "x.jar", "{connection_file}"), spec.argv());
        assertTrue(spec.json().contains("\"env\" : {\n    \"A\" : \"1\",\n    \"B\" : \"2\"\n  }"), spec.json());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Kernelspec(List.of("java"), Map.of()));
        assertEquals("argv must end with {connection_file}, got [java]", e.getMessage());
    }

    @Test
    void jupyterIsFoundOnThePathAndItsAbsenceNamesTheDebianPackages() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path notebook = Files.writeString(bin.resolve("jupyter-notebook"), "#!/bin/sh\n");
        assertEquals(Optional.empty(), Jupyter.find(Jupyter.NOTEBOOK, bin.toString()), "not executable yet");
        Files.setPosixFilePermissions(notebook, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.of(notebook), Jupyter.find(Jupyter.NOTEBOOK, dir + ":" + bin));
        assertEquals(Optional.empty(), Jupyter.find(Jupyter.NOTEBOOK, dir.toString()));
        assertTrue(Jupyter.MISSING.contains("apt-get install jupyter-notebook jupyter-nbconvert"), Jupyter.MISSING);
    }

    @Test
    void kernelspecsGoToTheDataDirectoryJupyterNamesElseTheLinuxDefault() throws Exception {
        Path home = dir.resolve("home");
        assertEquals(home.resolve(".local/share/jupyter/kernels"), Jupyter.userKernels(Optional.empty(), home));
        Path jupyter = Files.writeString(dir.resolve("jupyter"), "#!/bin/sh\necho /srv/jupyter-data\n");
        Files.setPosixFilePermissions(jupyter, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Path.of("/srv/jupyter-data/kernels"), Jupyter.userKernels(Optional.of(jupyter), home));
        Path broken = Files.writeString(dir.resolve("broken"), "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(home.resolve(".local/share/jupyter/kernels"), Jupyter.userKernels(Optional.of(broken), home));
        assertEquals(dir.resolve("share/jupyter/kernels"), Jupyter.prefixKernels(dir));
    }
}
