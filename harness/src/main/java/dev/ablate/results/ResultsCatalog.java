package dev.ablate.results;

import dev.ablate.results.stats.SeedFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the results under a root as Spark SQL views (DESIGN.md §1.6): {@code trials}, and {@code curves},
 * {@code layers} and {@code latency} once any experiment has written them, each the union over every experiment
 * folder (schemas merged, so tables written by older harness versions stay readable), and the seed-interval SQL
 * functions of {@link SeedFunctions}.
 */
public final class ResultsCatalog {

    /** Tables the catalog looks for, by folder name. */
    public static final List<String> TABLES = List.of("trials", "curves", "layers", "latency");

    private ResultsCatalog() {
    }

    /**
     * Creates or replaces the temporary views for every table that has part files under {@code layout}, and
     * registers the {@link SeedFunctions} (also when there are no results yet).
     *
     * @return the names of the views registered (empty when there are no results yet)
     */
    public static List<String> register(SparkSession spark, ResultsLayout layout) {
        SeedFunctions.register(spark);
        List<String> registered = new ArrayList<>();
        for (String table : TABLES) {
            List<String> dirs = tableDirs(layout.root(), table);
            if (!dirs.isEmpty()) {
                spark.read().option("mergeSchema", "true").parquet(dirs.toArray(String[]::new))
                        .createOrReplaceTempView(table);
                registered.add(table);
            }
        }
        return registered;
    }

    private static List<String> tableDirs(Path root, String table) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> experiments = Files.list(root)) {
            return experiments.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .map(p -> p.resolve(table))
                    .filter(p -> !ParquetTables.partFiles(p).isEmpty())
                    .map(p -> p.toAbsolutePath().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
