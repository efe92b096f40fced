package dev.ablate.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of whole {@code ablate query} processes, as a user runs them, on each query engine: JVM start, engine
 * start, the query and its printing. Repetitions alternate the engines so both see the same machine load; each number
 * is a median ({@link Repetitions}). The ratio Spark / DuckDB is the speedup of the default engine.
 */
public final class QueryBenchmark {

    /** A query timed, by name. */
    public record Query(String name, String sql) {
    }

    /** The queries timed: a trivial one, and the trade-off table of the quickstart with seed intervals. */
    public static final List<Query> QUERIES = List.of(
            new Query("trivial", "SELECT count(*) FROM trials"),
            new Query("aggregate", "SELECT technique, w_bits, granularity, sparsity_target, avg(accuracy) AS acc, "
                    + "ci95_low(accuracy) AS lo, ci95_high(accuracy) AS hi, avg(model_bytes) AS bytes, count(*) AS n "
                    + "FROM trials WHERE experiment = 'quickstart' AND status = 'ok' GROUP BY ALL ORDER BY ALL"));

    /** The engines, as {@code --engine} spells them; the first is the default. */
    public static final List<String> ENGINES = List.of("duckdb", "spark");

    /** The longest one query process may take before the benchmark gives up on it. */
    static final long PROCESS_TIMEOUT_SECONDS = 180;

    /**
     * One query's wall times.
     *
     * @param query  the query
     * @param duckdb seconds per process with the default engine
     * @param spark  seconds per process with Spark SQL
     */
    public record Result(Query query, Repetitions duckdb, Repetitions spark) {
        /** How many times faster the default engine's median is. */
        public double speedup() {
            return spark.median() / duckdb.median();
        }
    }

    private QueryBenchmark() {
    }

    /**
     * Times every query with every engine, {@code reps} times each, alternating engines.
     *
     * @param results  the results root the queries read (the quickstart's results)
     * @param progress where each timing is reported as it is taken
     * @throws IllegalStateException if a query process fails or outlives {@value #PROCESS_TIMEOUT_SECONDS} s
     */
    public static List<Result> run(Path results, int reps, PrintWriter progress) {
        List<Result> out = new ArrayList<>();
        for (Query q : QUERIES) {
            List<Double> duck = new ArrayList<>();
            List<Double> spark = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                duck.add(time(q, ENGINES.get(0), results));
                spark.add(time(q, ENGINES.get(1), results));
                progress.printf(Locale.ROOT, "  %s, repetition %d/%d: duckdb %.2f s, spark %.2f s%n", q.name(), r + 1, reps,
                        duck.get(r), spark.get(r));
                progress.flush();
            }
            out.add(new Result(q, new Repetitions(duck), new Repetitions(spark)));
        }
        return out;
    }

    /** Prints the medians (with min and max) and the speedup per query. */
    public static void table(List<Result> results, PrintWriter out) {
        out.printf("%nablate query, wall seconds per process (JVM start to exit), median [min, max]; speedup = spark / duckdb%n");
        out.printf("%-10s %-24s %-24s %7s%n", "query", "duckdb (default)", "spark", "speedup");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-10s %-24s %-24s %6.1fx%n", r.query().name(), spread(r.duckdb()), spread(r.spark()),
                    r.speedup());
        }
        out.flush();
    }

    private static String spread(Repetitions r) {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", r.median(), r.min(), r.max());
    }

    /** Runs one {@code ablate query} process with this JVM's binary, flags and class path; its wall seconds. */
    private static double time(Query q, String engine, Path results) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ablate.cli.AblateCli", "query", q.sql(),
                "--engine", engine, "--results", results.toString()));
        try {
            Path log = Files.createTempFile("ablate-bench-query", ".log");
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("ablate query --engine " + engine + " took longer than "
                            + PROCESS_TIMEOUT_SECONDS + " s: " + q.sql());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("ablate query --engine " + engine + " exited with " + p.exitValue()
                            + ": " + Files.readString(log, StandardCharsets.UTF_8).strip());
                }
                return seconds;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ablate query", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing ablate query", e);
        }
    }
}
