package dev.ablate.results.report;

import dev.ablate.results.chart.Chart;
import java.util.List;

/**
 * A rendered report of one experiment.
 *
 * @param experiment the experiment
 * @param html       the whole page: one self-contained HTML document (inline SVG and CSS, no script, no external
 *                   reference)
 * @param charts     the charts it shows, in page order
 */
public record Report(String experiment, String html, List<Chart> charts) {

    /** Copies {@code charts}. */
    public Report {
        charts = List.copyOf(charts);
    }
}
