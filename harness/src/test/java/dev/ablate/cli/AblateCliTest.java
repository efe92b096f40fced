package dev.ablate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.nn.NetworkCodec;
import dev.ablate.results.ParquetTables;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.run.ModelArtifact;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI: a sweep on embedded Spark local[2], read back as Parquet and through
 * {@code ablate query}; the same spec on local[1] gives bit-identical numbers; bad input exits 2 having
 * written nothing.
 */
class AblateCliTest {

    private static final String SPEC = """
            experiment: cli-e2e
            dataset: {name: synthetic, train_size: 600, test_size: 300, features: 10, classes: 3, validation: 100}
            seeds: [0, 1]
            base:
              model: {arch: mlp, hidden: [12]}
              train: {epochs: 2, batch: 32, lr: 0.1}
            sweep:
              cases:
                - {}
                - {compress.quantize.weights: {bits: 3, granularity: per-tensor}}
                - {compress.quantize.weights: {bits: 3, granularity: per-channel}}
                - {compress.prune: {sparsity: 0.7, finetune_epochs: 1}}
            """;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AblateCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runsOnSparkWritesParquetAndAnswersQueriesDeterministically() throws Exception {
        Path spec = Files.writeString(dir.resolve("e2e.yaml"), SPEC);
        Path resultsA = dir.resolve("a");
        Result run = cli("run", spec.toString(), "--master", "local[2]", "--results", resultsA.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("8 trials planned, 0 already in the results, 8 ran: 8 ok"), run.out());

        List<Row> rows = ParquetTables.readAll(resultsA.resolve("cli-e2e/trials"), TrialsTable.SCHEMA);
        assertEquals(8, rows.size());
        assertTrue(rows.stream().allMatch(r -> "local[2]".equals(r.get(TrialsTable.SPARK_MASTER))));
        assertTrue(rows.stream().allMatch(r -> r.get(TrialsTable.BLAS) != null && r.get(TrialsTable.HOST) != null));

        Result query = cli("query", "SELECT technique, granularity, count(*) AS n, avg(accuracy) AS acc FROM trials "
                + "GROUP BY technique, granularity ORDER BY technique, granularity", "--results", resultsA.toString(),
                "--format", "json");
        assertEquals(0, query.code(), query.err());
        JsonNode table = new ObjectMapper().readTree(query.out());
        assertEquals(4, table.size());
        assertEquals("baseline", table.get(0).get("technique").asText());
        assertEquals(2, table.get(0).get("n").asInt());
        assertTrue(table.get(0).get("acc").asDouble() > 0.5, query.out());

        Result csv = cli("query", "SELECT trial_id, status FROM trials ORDER BY trial_id", "--results",
                resultsA.toString(), "--format", "csv");
        assertEquals(9, csv.out().lines().count());
        assertEquals("trial_id,status", csv.out().lines().findFirst().orElseThrow());

        // resume: nothing runs again
        Result again = cli("run", spec.toString(), "--master", "local[2]", "--results", resultsA.toString(), "--quiet");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("8 already in the results, 0 ran"), again.out());
        assertEquals(8, ParquetTables.readAll(resultsA.resolve("cli-e2e/trials"), TrialsTable.SCHEMA).size());

        // determinism: local[1] from scratch gives bit-identical numbers
        Path resultsB = dir.resolve("b");
        assertEquals(0, cli("run", spec.toString(), "--master", "local[1]", "--results", resultsB.toString(),
                "--quiet").code());
        Map<String, List<Double>> a = numbers(resultsA);
        assertEquals(a, numbers(resultsB));
        assertEquals(8, a.size());
        // ... and bit-identical weights in every model stage (2 train, 2 prune, 4 quantize)
        int models = 0;
        try (var keys = Files.list(resultsA.resolve("_artifacts"))) {
            for (Path dirA : keys.toList()) {
                byte[] bytesA = Files.readAllBytes(dirA.resolve("payload.bin"));
                if (bytesA[0] == '{') {
                    continue; // an evaluation
                }
                byte[] bytesB = Files.readAllBytes(resultsB.resolve("_artifacts").resolve(dirA.getFileName())
                        .resolve("payload.bin"));
                assertArrayEquals(NetworkCodec.encode(ModelArtifact.decode(bytesA).network()),
                        NetworkCodec.encode(ModelArtifact.decode(bytesB).network()), dirA.getFileName().toString());
                models++;
            }
        }
        assertEquals(8, models);
        // training curves are in the curves table and queryable
        Result curves = cli("query", "SELECT stage, metric, count(*) AS n FROM curves GROUP BY stage, metric "
                + "ORDER BY stage, metric", "--results", resultsA.toString(), "--format", "csv");
        assertEquals(0, curves.code(), curves.err());
        assertTrue(curves.out().contains("train,val_accuracy,16"), curves.out()); // 2 epochs × 8 trials
        assertTrue(curves.out().contains("prune,train_loss,2"), curves.out()); // 1 fine-tune epoch × 2 trials
    }

    private static Map<String, List<Double>> numbers(Path results) {
        Map<String, List<Double>> m = new HashMap<>();
        for (Row r : ParquetTables.readAll(results.resolve("cli-e2e/trials"), TrialsTable.SCHEMA)) {
            m.put(r.get(TrialsTable.TRIAL_ID), List.of(r.get(TrialsTable.ACCURACY), r.get(TrialsTable.NLL),
                    r.get(TrialsTable.MACRO_F1), r.get(TrialsTable.ECE), (double) r.get(TrialsTable.PARAMS_NONZERO)));
        }
        return m;
    }

    @Test
    void badInputExitsTwoWithOneMessageAndWritesNothing() throws Exception {
        Path results = dir.resolve("results");
        Path spec = Files.writeString(dir.resolve("bad.yaml"), SPEC.replace("lr: 0.1}", "lr: 0.1, momentm: 0.9}"));
        Result r = cli("run", spec.toString(), "--results", results.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + spec + ":6:42: base.train.momentm: unknown key 'momentm' "
                + "(did you mean 'momentum'?)"), r.err());
        assertFalse(Files.exists(results), "nothing is written for a bad spec");

        assertEquals(2, cli("run", dir.resolve("missing.yaml").toString(), "--results", results.toString()).code());
        assertEquals(2, cli("run", "--no-such-option", spec.toString()).code());
        Result query = cli("query", "SELECT 1", "--results", results.toString());
        assertEquals(2, query.code());
        assertTrue(query.err().contains("no results under"), query.err());
        assertFalse(Files.exists(results));
    }

    @Test
    void planPrintsTrialsAndSharedStagesAndRefusesHugeSweeps() throws Exception {
        Path spec = Files.writeString(dir.resolve("e2e.yaml"), SPEC);
        Result plan = cli("plan", spec.toString(), "--results", dir.resolve("r").toString());
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("experiment cli-e2e: 8 trials (2 seeds)"), plan.out());
        assertTrue(plan.out().contains("unique stages: 2 train, 2 prune, 4 quantize, 8 evaluate"), plan.out());
        Result refused = cli("plan", spec.toString(), "--max-trials", "7");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("expands to 8 trials"), refused.err());
    }

    @Test
    void theQuickstartSpecIsValid() {
        Result plan = cli("plan", "../experiments/quickstart.yaml", "--results", dir.toString());
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("experiment quickstart: 26 trials (2 seeds)"), plan.out());
        assertTrue(plan.out().contains("unique stages: 2 train"), plan.out());
    }

    @Test
    void everyCommandHasHelp() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
        try {
            for (String command : List.of("run", "plan", "query", "pareto", "report", "notebook", "datasets", "bench")) {
                Result help = cli(command, "--help");
                assertEquals(0, help.code());
                assertTrue(help.out().contains("Usage: ablate " + command), help.out());
            }
        } finally {
            System.setErr(stderr);
        }
        // picocli warns on System.err when a description is not a valid format string (a lone %)
        assertEquals("", tracer.toString(StandardCharsets.UTF_8));
    }
}
