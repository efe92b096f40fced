package dev.ablate.results;

import java.nio.file.Path;

/**
 * Where things live under a results root (see {@code results/README.md}):
 * {@code <root>/<experiment>/<table>/part-*.parquet} and {@code <root>/_artifacts/<stage key>/}.
 *
 * @param root the results root ({@code --results}, default {@code results/})
 */
public record ResultsLayout(Path root) {

    /** Folder of the content-addressed stage artifacts shared by all experiments. */
    public Path artifacts() {
        return root.resolve("_artifacts");
    }

    /** Folder of one table of one experiment. */
    public Path table(String experiment, TableSchema table) {
        return root.resolve(experiment).resolve(table.name());
    }
}
