package dev.ablate.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The kernelspec that makes the Ablate kernel a choice in Jupyter: a folder {@value #NAME} with a {@code kernel.json}
 * that names it {@value #DISPLAY_NAME}, says how to start it, and asks for interrupts as messages (Jupyter's default,
 * SIGINT, would end the JVM).
 *
 * @param argv how Jupyter starts the kernel; its last element is {@value #CONNECTION_FILE}, which Jupyter replaces with
 *             the path of the connection file
 * @param env  environment variables Jupyter sets for the kernel
 */
public record Kernelspec(List<String> argv, Map<String, String> env) {

    /** The kernelspec's folder name, which a notebook's metadata names. */
    public static final String NAME = "ablate";
    /** What Jupyter's menus call the kernel. */
    public static final String DISPLAY_NAME = "Java (Ablate)";
    /** Jupyter's placeholder for the connection file in {@link #argv}. */
    public static final String CONNECTION_FILE = "{connection_file}";

    /**
     * Copies both; the environment is kept in name order, so the same spec writes the same file.
     *
     * @throws IllegalArgumentException if {@code argv} does not end with {@value #CONNECTION_FILE}
     */
    public Kernelspec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        if (argv.isEmpty() || !argv.get(argv.size() - 1).equals(CONNECTION_FILE)) {
            throw new IllegalArgumentException("argv must end with " + CONNECTION_FILE + ", got " + argv);
        }
    }

    /** The spec that starts {@code command} (a program and its arguments) with the connection file as last argument. */
    public static Kernelspec starting(List<String> command, Map<String, String> env) {
        Objects.requireNonNull(command, "command");
        return new Kernelspec(Stream.concat(command.stream(), Stream.of(CONNECTION_FILE)).toList(), env);
    }

    /** {@code kernel.json}'s text. */
    public String json() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", new TreeMap<>(env));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write kernel.json of " + argv, e);
        }
    }

    /**
     * Writes the spec into {@code kernels} (a Jupyter {@code kernels/} folder), replacing an older one.
     *
     * @return the spec's folder, {@code kernels/}{@value #NAME}
     * @throws UncheckedIOException if it cannot be written
     */
    public Path installInto(Path kernels) {
        Path dir = kernels.resolve(NAME);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kernel.json"), json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec into " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
