package dev.ablate.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where a run's rows come from: harness version and build, the git commit of the working tree (passed by
 * the launcher as {@code -Dablate.git.commit}), the Java version, and the run's id.
 *
 * @param harnessVersion harness version from the build
 * @param gitCommit      commit the harness was built from, or null when unknown
 * @param javaVersion    the driver's Java version
 * @param runId          unique id of this invocation (names its part files)
 */
public record Provenance(String harnessVersion, String gitCommit, String javaVersion, String runId) {

    /** Provenance of this JVM for a run named {@code runId}. */
    public static Provenance current(String runId) {
        String commit = System.getProperty("ablate.git.commit");
        return new Provenance(buildProperty("version"), commit == null || commit.isBlank() ? null : commit,
                System.getProperty("java.version"), runId);
    }

    /** A property of the harness build ({@code version}, {@code jvm.options}). */
    public static String buildProperty(String name) {
        try (InputStream in = Provenance.class.getResourceAsStream("/dev/ablate/build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the harness jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
