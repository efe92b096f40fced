package dev.ablate.notebook;

import static dev.ablate.results.report.HtmlText.escape;

import dev.ablate.results.chart.Chart;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.query.TextTable;
import dev.ablate.results.report.Report;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * How the values of the {@link Ablate} API display in a notebook: a {@link QueryResult} as an HTML table (text/html)
 * with the aligned text of {@code ablate query} as text/plain, both capped at {@value #MAX_ROWS} rows (the value keeps
 * them all); a {@link Chart} as its SVG (image/svg+xml) with a PNG (image/png) for front ends without SVG; a
 * {@link Report} as its page in an inline frame (text/html), because the page's style sheet would otherwise restyle
 * the notebook around it, and a one-line summary as text/plain.
 */
final class Displays {

    /** Most rows a table shows. */
    static final int MAX_ROWS = 100;

    /** Height of a report's frame, px: most of a screen; the page scrolls inside. */
    private static final int REPORT_HEIGHT = 800;

    private Displays() {
    }

    /** Registers the displays with {@code renderer}. */
    static void register(Renderer renderer) {
        renderer.createRegistration(QueryResult.class).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((result, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(result));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TextTable.of(result, MAX_ROWS));
                });
        renderer.createRegistration(Chart.class).preferring(MIMEType.IMAGE_SVG, MIMEType.IMAGE_PNG)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_SVG, chart::svg);
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(chart.png()));
                });
        renderer.createRegistration(Report.class).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((report, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> frame(report));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> summary(report));
                });
    }

    /** The first {@value #MAX_ROWS} rows as a table: a header row, numbers right-aligned, nulls grey; then the count. */
    static String html(QueryResult result) {
        int shown = Math.min(result.size(), MAX_ROWS);
        StringBuilder b = new StringBuilder(256 + 64 * shown * Math.max(1, result.columns().size()));
        b.append("<table class=\"ablate-result\">\n<thead><tr>");
        for (String column : result.columns()) {
            b.append("<th>").append(escape(column)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : result.rows().subList(0, shown)) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                b.append(result.kinds().get(i).isNumeric() ? "<td style=\"text-align:right\">" : "<td>")
                        .append(v == null ? "<span style=\"color:#999\">null</span>" : escape(TextTable.cell(v)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n<p>").append(TextTable.count(shown, result.size())).append("</p>\n")
                .toString();
    }

    /** The report's page in an inline frame of its own, so its style sheet applies to it alone. */
    static String frame(Report report) {
        return "<iframe title=\"Ablate report: " + escape(report.experiment()) + "\" style=\"width:100%;height:"
                + REPORT_HEIGHT + "px;border:1px solid #ddd\" srcdoc=\"" + escape(report.html()) + "\"></iframe>\n";
    }

    private static String summary(Report report) {
        return "Report of " + report.experiment() + ": " + report.charts().size() + " charts, "
                + report.html().getBytes(StandardCharsets.UTF_8).length + " bytes of HTML";
    }
}
