package dev.ablate.run;

import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session the harness runs on (DESIGN.md §7): embedded {@code local[*]} unless a master
 * is given, bound to loopback, UI off, quiet logs.
 */
public final class SparkSessions {

    /** The default master: embedded Spark on every core. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
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
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
