package dev.ablate.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tables under a results root that a query can read: {@code trials}, and {@code curves},
 * {@code layers} and {@code latency} once any experiment has written them, each the union of every experiment
 * folder's part files. A query engine ({@link dev.ablate.results.query.ResultsEngine}) makes one view of each, reading
 * columns by name, so part files written by older harness versions (fewer columns) stay readable.
 */
public final class ResultsCatalog {

    /** Tables the catalog looks for, by folder name. */
    public static final List<String> TABLES = List.of("trials", "curves", "layers", "latency");

    private ResultsCatalog() {
    }

    /**
     * The part files of every table that has any under {@code layout}, in {@link #TABLES} order; within a table, by
     * experiment folder and then file name. Folders whose name starts with {@code _} or {@code .} (artifacts, hidden
     * files) are not experiments.
     *
     * @return absolute paths, by table name; empty when there are no results yet
     */
    public static Map<String, List<Path>> partFiles(ResultsLayout layout) {
        Map<String, List<Path>> tables = new LinkedHashMap<>();
        List<Path> experiments = experimentDirs(layout.root());
        for (String table : TABLES) {
            List<Path> files = new ArrayList<>();
            for (Path experiment : experiments) {
                ParquetTables.partFiles(experiment.resolve(table)).forEach(f -> files.add(f.toAbsolutePath()));
            }
            if (!files.isEmpty()) {
                tables.put(table, List.copyOf(files));
            }
        }
        return tables;
    }

    private static List<Path> experimentDirs(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
