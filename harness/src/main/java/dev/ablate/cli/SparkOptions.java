package dev.ablate.cli;

import dev.ablate.run.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --master} and {@code --ui}, on every command that starts Spark. */
final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL", defaultValue = SparkSessions.DEFAULT_MASTER,
            description = "Spark master: local[*] (embedded, default), local[N], spark://host:port, ...")
    String master;

    @Option(names = "--ui", description = "Start the Spark web UI (off by default).")
    boolean ui;

    SparkSession start() {
        return SparkSessions.create(master, ui);
    }
}
