package dev.ablate.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session the harness runs on: embedded {@code local[*]} unless a master
 * is given, bound to loopback, UI off, quiet logs. For a cluster master the harness jar and the libraries
 * a Spark 4.0 / Scala 2.13 cluster lacks are shipped to the executors ({@code spark.jars}); the results
 * root must then be a folder every executor sees at the same path (NFS or similar).
 */
public final class SparkSessions {

    /**
     * Libraries the executors need that a Spark 4.0 cluster does not provide (Spark itself ships Scala,
     * Jackson core, Parquet, netlib BLAS and Hadoop): Tribuo and its OLCUT core, the CSV reader behind
     * Tribuo's CSV loading, and Jackson's YAML module.
     */
    static final List<String> EXECUTOR_LIBRARIES = List.of("tribuo-", "olcut-", "opencsv-", "commons-beanutils-",
            "jackson-dataformat-yaml-", "snakeyaml-");

    /** System property with Spark's log level (default WARN; {@code ablate --verbose} sets INFO). */
    public static final String LOG_LEVEL_PROPERTY = "ablate.spark.log.level";

    /** The default master: embedded Spark on every core. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * The jars to ship to a cluster's executors: the harness jar and, from the {@code lib/} folder beside
     * it (where the build puts the dependencies), the {@link #EXECUTOR_LIBRARIES}.
     */
    static List<String> jarsToShip(Path harnessJar) {
        List<String> jars = new ArrayList<>();
        jars.add(harnessJar.toAbsolutePath().toString());
        Path lib = harnessJar.toAbsolutePath().getParent().resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".jar") && EXECUTOR_LIBRARIES.stream().anyMatch(n::startsWith))
                        .sorted()
                        .forEach(n -> jars.add(lib.resolve(n).toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + lib, e);
            }
        }
        return jars;
    }

    /** The jar this class was loaded from, if it was loaded from a jar (not from a classes folder). */
    private static Optional<Path> harnessJar() {
        try {
            Path p = Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * A session for {@code master} ({@code local[*]}, {@code local[2]}, {@code spark://host:7077}, …).
     *
     * @param ui whether to start the Spark web UI
     */
    public static SparkSession create(String master, boolean ui) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("ablate")
                .master(master)
                .config("spark.ui.enabled", ui)
                .config("spark.ui.showConsoleProgress", false)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", 4)
                .config("spark.sql.debug.maxToStringFields", 200) // the trials table is wide
                .config("spark.scheduler.mode", "FAIR");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        } else {
            harnessJar().ifPresent(jar -> b.config("spark.jars", String.join(",", jarsToShip(jar))));
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel(System.getProperty(LOG_LEVEL_PROPERTY, "WARN"));
        return spark;
    }
}
