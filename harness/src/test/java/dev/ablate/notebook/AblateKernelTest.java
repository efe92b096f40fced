package dev.ablate.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.notebook.KernelClient.Execution;
import dev.ablate.results.ParquetTableWriter;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as Jupyter sees it, at the message level (a {@link KernelClient} over ZeroMQ, no Jupyter): Java
 * statements and expressions with state across cells, the display bundles of tables, charts and reports, the magics
 * over a small results folder written here, errors as short error replies after which the kernel still works,
 * completion, interrupts, and Spark on request without log noise in cells. One kernel for the class (its first cell
 * compiles for a few seconds).
 */
class AblateKernelTest {

    @TempDir
    static Path dir;

    private static Path results;
    private static Thread kernel;
    private static final AtomicReference<Throwable> KERNEL_FAILURE = new AtomicReference<>();
    private static KernelClient client;

    @BeforeAll
    static void start() throws Exception {
        results = dir.resolve("results");
        ResultsLayout layout = new ResultsLayout(results);
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("bits", TrialsTable.SCHEMA), TrialsTable.SCHEMA,
                "r1", 100, Duration.ofHours(1))) {
            int t = 0;
            for (int bits : new int[] {2, 4, 8}) {
                for (long seed = 0; seed < 2; seed++) {
                    w.append(trial("t" + t++, bits, seed, 100L * bits, 0.5 + 0.05 * bits + 0.01 * seed));
                }
            }
        }
        Path file = KernelClient.connectionFile(dir);
        kernel = new Thread(() -> {
            try {
                AblateKernel.run(file);
            } catch (Throwable e) {
                KERNEL_FAILURE.set(e);
            }
        }, "ablate-kernel");
        kernel.start();
        client = KernelClient.connect(file, Duration.ofMinutes(2));
        Execution switched = client.execute("%results " + results);
        assertEquals("ok", switched.status(), switched.toString());
    }

    private static Row trial(String id, int bits, long seed, long bytes, double accuracy) {
        return Row.builder(TrialsTable.SCHEMA).set(TrialsTable.EXPERIMENT, "bits").set(TrialsTable.TRIAL_ID, id)
                .set(TrialsTable.STATUS, "ok").set(TrialsTable.TECHNIQUE, "ptq").set(TrialsTable.W_BITS, bits)
                .set(TrialsTable.SEED, seed).set(TrialsTable.SWEEP_POINT, "{\"compress.quantize.weights.bits\":" + bits + "}")
                .set(TrialsTable.MODEL_BYTES, bytes).set(TrialsTable.ACCURACY, accuracy).build();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            assertEquals("shutdown_reply", client.shutdown().type());
            kernel.join(Duration.ofSeconds(30).toMillis());
            assertFalse(kernel.isAlive(), "the kernel still runs after shutdown_reply");
            assertEquals(null, KERNEL_FAILURE.get());
            assertTrue(AblateKernel.running().isEmpty(), "the kernel is still registered as the notebook kernel");
        } finally {
            client.close();
        }
    }

    private static Execution ok(String code) {
        Execution e = client.execute(code);
        assertEquals("ok", e.status(), () -> code + " -> " + e);
        return e;
    }

    private static Execution error(String code) {
        Execution e = client.execute(code);
        assertEquals("error", e.status(), () -> code + " -> " + e);
        return e;
    }

    @Test
    void statementsAndExpressionsKeepStateAcrossCellsAndTheLastValueDisplays() {
        Execution declaration = ok("int answer = 40;");
        assertTrue(declaration.outputs("execute_result").isEmpty(), "a declaration displays nothing");
        assertEquals("42", ok("answer + 2").result().path("text/plain").asText());
        assertEquals("aa", ok("String s = \"a\";\nvoid twice() { s = s + s; }\ntwice();\ns").result()
                .path("text/plain").asText());
        Execution printed = ok("System.out.println(\"hello from a cell\");");
        assertEquals("hello from a cell\n", printed.stream("stdout"));
        assertTrue(printed.outputs("execute_result").isEmpty());
    }

    @Test
    void aQueryResultDisplaysAsAnHtmlTableWithTheTextTableAsFallback() {
        var data = ok("Ablate.sql(\"SELECT trial_id, w_bits, accuracy FROM trials WHERE seed = 0 ORDER BY w_bits\")")
                .result();
        String html = data.path("text/html").asText();
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<th>trial_id</th><th>w_bits</th><th>accuracy</th>"), html);
        assertTrue(html.contains("<td>t0</td><td style=\"text-align:right\">2</td><td style=\"text-align:right\">0.6000</td>"),
                html);
        assertTrue(html.contains("<p>3 rows</p>"), html);
        String text = data.path("text/plain").asText();
        assertTrue(text.startsWith("trial_id  w_bits  accuracy"), text);
        assertTrue(text.strip().endsWith("(3 rows)"), text);
    }

    @Test
    void sqlMagicsShowTablesAndKeepTheSqlAsTyped() {
        String cell = ok("%%sql\nSELECT w_bits, count(*) AS n\nFROM trials GROUP BY w_bits ORDER BY w_bits").result()
                .path("text/plain").asText();
        assertTrue(cell.contains("w_bits  n") && cell.contains("(3 rows)"), cell);
        String line = ok("%sql SELECT 'two  spaces' AS s, count(*) AS n FROM trials").result().path("text/html").asText();
        assertTrue(line.contains("<td>two  spaces</td><td style=\"text-align:right\">6</td>"), line);
        // Java around a line magic: the cell's value is its last part
        assertEquals("7", ok("int seven = 7;\n%sql SELECT 1\nseven").result().path("text/plain").asText());
    }

    @Test
    void resultsMagicSaysWhereItReadsAndSwitchesRoots() throws Exception {
        String where = ok("%results").result().path("text/plain").asText();
        assertTrue(where.contains(results.toString()) && where.contains("duckdb") && where.contains("trials"), where);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try {
            ok("%results " + empty);
            assertEquals(List.of("query error: no results under " + empty + " yet: run a spec (./ablate run "
                            + "experiments/quickstart.yaml), or read another root with %results DIR or Ablate.results(DIR)"),
                    error("%sql SELECT * FROM trials").traceback());
            assertEquals(empty.toString(), ok("Ablate.results()").result().path("text/plain").asText());
        } finally {
            ok("Ablate.results(Path.of(\"" + results + "\"))");
        }
        List<String> usage = error("%results --engine nope").traceback();
        assertEquals(1, usage.size(), usage.toString());
        assertEquals("java.lang.IllegalArgumentException: Invalid value for option '--engine': expected one of [duckdb, "
                + "spark] (case-sensitive) but was 'nope' (usage: %results [--engine=ENGINE] [--master=URL] [DIR])",
                usage.get(0));
    }

    @Test
    void aChartDisplaysAsSvgWithAPngFallback() {
        var data = ok("Ablate.accuracyVsBits(\"bits\")").result();
        assertTrue(data.path("image/svg+xml").asText().startsWith("<svg"), data.toString());
        assertTrue(data.path("image/svg+xml").asText().contains("chart-accuracy-vs-bits"), "the chart's id");
        byte[] png = Base64.getDecoder().decode(data.path("image/png").asText());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(data.path("text/plain").asText().startsWith("Chart[id=accuracy-vs-bits"), data.toString());
    }

    @Test
    void displayShowsSeveralValuesFromOneCell() {
        Execution e = ok("for (Chart c : Ablate.charts(\"bits\")) Ablate.display(c);\nAblate.charts(\"bits\").size()");
        int charts = Integer.parseInt(e.result().path("text/plain").asText());
        assertTrue(charts >= 2, "accuracy vs bits and the Pareto scatter of size, got " + charts);
        List<?> shown = e.outputs("display_data");
        assertEquals(charts, shown.size());
        assertTrue(e.outputs("display_data").stream().allMatch(d -> d.path("data").has("image/svg+xml")));
    }

    @Test
    void aReportDisplaysAsItsPageInAFrame() {
        var data = ok("Ablate.report(\"bits\")").result();
        String html = data.path("text/html").asText();
        assertTrue(html.startsWith("<iframe title=\"Ablate report: bits\""), html.substring(0, 200));
        assertTrue(html.contains("srcdoc=\"&lt;!DOCTYPE html&gt;"), "the page, escaped into the attribute");
        assertFalse(html.contains("<style"), "no style sheet outside the frame");
        assertTrue(data.path("text/plain").asText().startsWith("Report of bits: "), data.toString());
    }

    @Test
    void paretoMarksTheFrontOfSweepPoints() {
        String text = ok("Ablate.pareto(\"bits\", \"model_bytes\", \"accuracy\")").result().path("text/plain").asText();
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).matches("technique\\s+sweep_point\\s+seeds\\s+model_bytes\\s+accuracy\\s+on_front"),
                text);
        assertEquals(3, lines.stream().filter(l -> l.strip().endsWith("true")).count(), text); // more bits, more bytes, more accuracy
    }

    @Test
    void badSqlIsAOneLineQueryErrorAndTheKernelGoesOn() {
        Execution e = error("%sql SELECT nope FROM trials");
        assertEquals("ResultsQueryException", e.reply().path("ename").asText());
        List<String> traceback = e.traceback();
        assertEquals(1, traceback.size(), traceback.toString());
        assertTrue(traceback.get(0).startsWith("query error: ") && traceback.get(0).contains("nope"), traceback.get(0));
        assertEquals(0, e.reply().path("traceback").size(), "no kernel frames in the reply");
        assertEquals("2", ok("1 + 1").result().path("text/plain").asText());
        Execution api = error("Ablate.sql(\"SELEC 1\")");
        assertEquals("ResultsQueryException", api.error().path("ename").asText());
    }

    @Test
    void aCompileErrorShowsTheDiagnosticsShortly() {
        Execution e = error("int fine = 1;\nint z = undefinedThing + fine;");
        assertEquals("CompilationError", e.error().path("ename").asText());
        List<String> traceback = e.traceback();
        assertTrue(traceback.get(0).startsWith("compile error: cannot find symbol"), traceback.toString());
        assertTrue(traceback.stream().anyMatch(l -> l.contains("int z = undefinedThing + fine;")), traceback.toString());
        assertTrue(traceback.stream().anyMatch(l -> l.strip().equals("^")), traceback.toString());
        assertTrue(traceback.size() <= 6, traceback.toString());
        assertEquals("1", ok("fine").result().path("text/plain").asText(), "the snippets before the error ran");
        assertEquals("compile error: incomplete input:", error("for (int i = 0; i < 3; i++) {").traceback().get(0));
    }

    @Test
    void anExceptionShowsItsClassAndMessageWithoutFrames() {
        Execution unchecked = error("throw new IllegalStateException(\"boom\", new java.io.IOException(\"disk full\"));");
        assertEquals("IllegalStateException", unchecked.reply().path("ename").asText());
        assertEquals("boom", unchecked.reply().path("evalue").asText());
        assertEquals(List.of("java.lang.IllegalStateException: boom", "caused by java.io.IOException: disk full"),
                unchecked.traceback());
        Execution checked = error("throw new java.io.IOException(\"no such file\");");
        assertEquals(List.of("java.io.IOException: no such file"), checked.traceback());
        Execution deep = error("int down(int n) { return down(n + 1) + 1; }\ndown(0)");
        assertEquals(List.of("java.lang.StackOverflowError"), deep.traceback());
        assertEquals("3", ok("1 + 2").result().path("text/plain").asText());
        assertEquals(List.of("java.lang.IllegalArgumentException: unknown magic %nope (magics: %%sql, %results, %sql)"),
                error("%nope").traceback());
    }

    @Test
    void anInterruptStopsAWaitingCell() throws Exception {
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            client.interrupt();
        });
        interrupter.start();
        Execution e = error("Thread.sleep(60_000);");
        interrupter.join();
        assertEquals(List.of("java.lang.InterruptedException: sleep interrupted"), e.traceback());
        assertEquals("ok", ok("1").status());
    }

    @Test
    void completionAndCompleteness() {
        var completion = client.shellRequest("complete_request", Map.of("code", "Ablate.accuracyVs", "cursor_pos", 17))
                .content();
        List<String> matches = new java.util.ArrayList<>();
        completion.path("matches").forEach(m -> matches.add(m.asText()));
        assertTrue(matches.contains("accuracyVsBits(") && matches.contains("accuracyVsSparsity("), matches.toString());
        var magic = client.shellRequest("complete_request", Map.of("code", "%%s", "cursor_pos", 3)).content();
        assertEquals("%%sql", magic.path("matches").get(0).asText());
        assertEquals("incomplete", client.shellRequest("is_complete_request", Map.of("code", "if (true) {")).content()
                .path("status").asText());
        assertEquals("complete", client.shellRequest("is_complete_request", Map.of("code", "int q = 1;")).content()
                .path("status").asText());
    }

    @Test
    void sparkStartsOnRequestWithoutLogNoiseInCells() {
        Execution started = ok("%results --engine spark --master local[1]");
        assertEquals("", started.stream("stderr"), "Spark's startup logs stay out of the cell");
        assertTrue(started.result().path("text/plain").asText().contains("engine: spark on local[1]"));
        try {
            Execution counted = ok("%sql SELECT count(*) AS n FROM trials");
            assertEquals("", counted.stream("stderr"));
            assertTrue(counted.result().path("text/plain").asText().matches("(?s)n\\s+-+\\s+6\\s+\\(1 row\\)\\s*"),
                    counted.result().toString());
            assertEquals("org.apache.spark.sql.classic.SparkSession", ok("Ablate.spark().getClass().getName()").result()
                    .path("text/plain").asText().replace("\"", ""));
        } finally {
            ok("%results --engine duckdb");
        }
        assertTrue(ok("%results").result().path("text/plain").asText().contains("engine: duckdb"));
    }
}
