package dev.ablate.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.query.ColumnKind;
import dev.ablate.results.query.QueryResult;
import dev.ablate.results.report.Report;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/** The display bundles without a kernel: long tables are capped in both forms, text is escaped, a report is framed. */
class DisplaysTest {

    private static DisplayData render(Object value) {
        Renderer renderer = new Renderer();
        Displays.register(renderer);
        return renderer.render(value);
    }

    @Test
    void aLongResultShowsItsFirstRowsAndSaysHowManyThereAre() {
        QueryResult result = new QueryResult(List.of("i"), List.of(ColumnKind.INTEGER),
                IntStream.range(0, 250).mapToObj(i -> List.<Object>of((long) i)).toList());
        DisplayData data = render(result);
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertEquals(Displays.MAX_ROWS, html.split("<tr>", -1).length - 2, "header row and the rows shown");
        assertTrue(html.endsWith("<p>first 100 of 250 rows shown</p>\n"), html.substring(html.length() - 80));
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.strip().endsWith("(first 100 of 250 rows shown)"), text);
        assertEquals(250, result.size(), "the value keeps every row");
    }

    @Test
    void textIsEscapedAndNullsAreMarked() {
        QueryResult result = new QueryResult(List.of("a<b"), List.of(ColumnKind.STRING),
                List.of(List.of("<script>&'\""), Arrays.asList((Object) null)));
        String html = Displays.html(result);
        assertTrue(html.contains("<th>a&lt;b</th>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;&amp;&#39;&quot;</td>"), html);
        assertTrue(html.contains("<td><span style=\"color:#999\">null</span></td>"), html);
    }

    @Test
    void aReportIsFramedSoItsStyleSheetStaysInside() {
        Report report = new Report("x", "<!DOCTYPE html><html><head><style>body{margin:0}</style></head>"
                + "<body><p title=\"q\">a & b</p></body></html>", List.of());
        DisplayData data = render(report);
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertEquals("<iframe title=\"Ablate report: x\" style=\"width:100%;height:800px;border:1px solid #ddd\" "
                + "srcdoc=\"&lt;!DOCTYPE html&gt;&lt;html&gt;&lt;head&gt;&lt;style&gt;body{margin:0}&lt;/style&gt;"
                + "&lt;/head&gt;&lt;body&gt;&lt;p title=&quot;q&quot;&gt;a &amp; b&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;\">"
                + "</iframe>\n", html);
        assertEquals("Report of x: 0 charts, 105 bytes of HTML", data.getData(MIMEType.TEXT_PLAIN));
    }
}
