package dev.ablate.results.query;

import dev.ablate.results.ResultsCatalog;
import dev.ablate.results.ResultsLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What both engines share: one view per {@link ResultsCatalog} table that has part files under the layout, made anew
 * on {@link #refresh()}, and dropped when its table has none any more.
 */
abstract class PartFileViews implements ResultsEngine {

    final ResultsLayout layout;
    private List<String> views = List.of();

    PartFileViews(ResultsLayout layout) {
        this.layout = layout;
    }

    /** Creates or replaces the view {@code table} over {@code files}. */
    abstract void createView(String table, List<Path> files);

    /** Drops the view {@code table} if it exists. */
    abstract void dropView(String table);

    @Override
    public final void refresh() {
        Map<String, List<Path>> tables = ResultsCatalog.partFiles(layout);
        for (String table : ResultsCatalog.TABLES) {
            if (tables.containsKey(table)) {
                createView(table, tables.get(table));
            } else {
                dropView(table);
            }
        }
        views = List.copyOf(tables.keySet());
    }

    @Override
    public final List<String> views() {
        return views;
    }
}
