package dev.ablate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.results.ParquetTableWriter;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate pareto} and the seed-interval functions of {@code ablate query} on a hand-written results folder:
 * the marked rows and their order, the directions, the filter, bad input (exit 2), and the SQL front pattern
 * of notebooks/README.md.
 */
class ParetoCommandTest {

    @TempDir
    static Path results;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void trials() {
        ResultsLayout layout = new ResultsLayout(results);
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("cmp", TrialsTable.SCHEMA), TrialsTable.SCHEMA,
                "r1", 100, Duration.ofHours(1))) {
            w.append(trial("cmp", "t1", "ok", "baseline", null, 4000, 0.90));
            w.append(trial("cmp", "t2", "ok", "baseline", null, 4000, 0.91));
            w.append(trial("cmp", "t3", "ok", "ptq", 8, 1000, 0.90));
            w.append(trial("cmp", "t4", "ok", "ptq", 4, 500, 0.85));
            w.append(trial("cmp", "t5", "ok", "ptq", 2, 250, 0.60));
            w.append(trial("cmp", "t6", "ok", "ptq", 3, 400, 0.50)); // beaten by t5
            w.append(trial("cmp", "t7", "ok", "qat", 4, 500, 0.85)); // same as t4: both on the front
            w.append(trial("cmp", "t8", "ok", "qat", 2, 250, null)); // no accuracy: never on the front
            w.append(trial("cmp", "t9", "failed", "qat", 2, 100, 0.99)); // not ok: not listed
        }
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("seeds", TrialsTable.SCHEMA), TrialsTable.SCHEMA,
                "r1", 100, Duration.ofHours(1))) {
            // per trial, p2's lucky seed 0 is on the front; averaged over seeds, p1 beats p2
            w.append(seeded("s1", "{\"p\":1}", 0, "prune", 100, 0.84375));
            w.append(seeded("s2", "{\"p\":1}", 1, "prune", 100, 0.84375));
            w.append(seeded("s3", "{\"p\":2}", 0, "ptq", 200, 0.875));
            w.append(seeded("s4", "{\"p\":2}", 1, "ptq", 200, 0.75));
        }
        try (ParquetTableWriter w = new ParquetTableWriter(layout.table("other", TrialsTable.SCHEMA), TrialsTable.SCHEMA,
                "r1", 100, Duration.ofHours(1))) {
            w.append(trial("other", "o1", "ok", "ptq", 1, 10, 0.99)); // another experiment: not listed
        }
    }

    private static Row trial(String experiment, String id, String status, String technique, Integer bits, long bytes,
            Double accuracy) {
        return Row.builder(TrialsTable.SCHEMA).set(TrialsTable.EXPERIMENT, experiment).set(TrialsTable.TRIAL_ID, id)
                .set(TrialsTable.STATUS, status).set(TrialsTable.TECHNIQUE, technique).set(TrialsTable.W_BITS, bits)
                .set(TrialsTable.MODEL_BYTES, bytes).set(TrialsTable.ACCURACY, accuracy).build();
    }

    private static Row seeded(String id, String point, long seed, String technique, long bytes, double accuracy) {
        return Row.builder(TrialsTable.SCHEMA).set(TrialsTable.EXPERIMENT, "seeds").set(TrialsTable.TRIAL_ID, id)
                .set(TrialsTable.STATUS, "ok").set(TrialsTable.SWEEP_POINT, point).set(TrialsTable.SEED, seed)
                .set(TrialsTable.TECHNIQUE, technique).set(TrialsTable.MODEL_BYTES, bytes)
                .set(TrialsTable.ACCURACY, accuracy).build();
    }

    @Test
    void aFrontOfSeedMeansHasOnePointPerSweepPoint() {
        Result perTrial = cli("pareto", "seeds", "--label", "trial_id", "--front-only", "--format", "csv");
        assertEquals("trial_id,model_bytes,accuracy,on_front\ns1,100,0.84375,true\ns2,100,0.84375,true\n"
                + "s3,200,0.875,true\n", perTrial.out(), perTrial.err());
        Result means = cli("pareto", "seeds", "--label", "technique,seed", "--mean-over-seeds", "--format", "csv");
        assertEquals(0, means.code(), means.err());
        assertEquals("technique,seeds,model_bytes,accuracy,on_front\nprune,2,100.0,0.84375,true\nptq,2,200.0,0.8125,false\n",
                means.out());
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--results";
        all[args.length + 1] = results.toString();
        int code = AblateCli.execute(new PrintWriter(out), new PrintWriter(err), all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void marksTheFrontOfSmallAndAccurateTrialsFrontFirst() {
        Result r = cli("pareto", "cmp", "--label", "trial_id", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                trial_id,model_bytes,accuracy,on_front
                t5,250,0.6,true
                t4,500,0.85,true
                t7,500,0.85,true
                t3,1000,0.9,true
                t2,4000,0.91,true
                t8,250,,false
                t6,400,0.5,false
                t1,4000,0.9,false
                """, r.out());
    }

    @Test
    void directionsAndTheFilter() throws Exception {
        Result swapped = cli("pareto", "cmp", "--x", "accuracy", "--maximize-x", "--y", "model_bytes", "--minimize-y",
                "--label", "trial_id", "--front-only", "--format", "csv");
        assertEquals(0, swapped.code(), swapped.err());
        assertEquals("trial_id,accuracy,model_bytes,on_front\nt5,0.6,250,true\nt4,0.85,500,true\nt7,0.85,500,true\n"
                + "t3,0.9,1000,true\nt2,0.91,4000,true\n", swapped.out());

        Result filtered = cli("pareto", "cmp", "--where", "w_bits >= 4", "--label", "technique,w_bits", "--format", "json");
        assertEquals(0, filtered.code(), filtered.err());
        JsonNode rows = new ObjectMapper().readTree(filtered.out());
        assertEquals(3, rows.size(), filtered.out());
        assertEquals(500, rows.get(0).get("model_bytes").asInt());
        assertEquals("qat", rows.get(1).get("technique").asText());
        assertEquals(8, rows.get(2).get("w_bits").asInt());
        rows.forEach(row -> assertTrue(row.get("on_front").asBoolean(), filtered.out()));
    }

    @Test
    void badInputExitsTwoNamingTheProblem() {
        Result column = cli("pareto", "cmp", "--label", "technique,bits");
        assertEquals(2, column.code());
        assertTrue(column.err().startsWith("query error: unknown column 'bits' (columns of trials: experiment, "), column.err());
        assertTrue(column.err().contains(", w_bits, "), column.err());
        Result text = cli("pareto", "cmp", "--x", "technique");
        assertEquals(2, text.code());
        assertTrue(text.err().contains("column 'technique' is string, not numeric"), text.err());
        Result experiment = cli("pareto", "nope");
        assertEquals(2, experiment.code());
        assertTrue(experiment.err().contains("unknown experiment 'nope' (experiments: cmp, other, seeds)"), experiment.err());
        Result where = cli("pareto", "cmp", "--where", "no_such_column > 1");
        assertEquals(2, where.code());
        assertTrue(where.err().startsWith("query error: "), where.err());
    }

    @Test
    void seedIntervalsAndTheSqlFrontThroughQuery() {
        // baseline: {0.90, 0.91}: mean 0.905, half-width t(0.975, 1) · sd / √2 = 12.706205 · 0.005 = 0.063531
        Result ci = cli("query", "SELECT technique, count(accuracy) AS n, avg(accuracy) AS acc, ci95_low(accuracy) AS lo, "
                + "ci95_high(accuracy) AS hi, ci95_boot_low(accuracy) AS boot_lo FROM trials WHERE experiment = 'cmp' "
                + "AND status = 'ok' GROUP BY technique ORDER BY technique");
        assertEquals(0, ci.code(), ci.err());
        assertTrue(ci.out().lines().anyMatch(l -> l.matches("baseline\\s+2\\s+0\\.9050\\s+0\\.8415\\s+0\\.9685\\s+0\\.90\\d\\d")),
                ci.out());
        assertTrue(ci.out().lines().anyMatch(l -> l.matches("qat\\s+1\\s+0\\.8500\\s+null\\s+null\\s+null")), ci.out());

        Result front = cli("query", """
                SELECT t.trial_id FROM trials t
                WHERE t.experiment = 'cmp' AND t.status = 'ok' AND NOT EXISTS (
                  SELECT 1 FROM trials o
                  WHERE o.experiment = t.experiment AND o.status = 'ok'
                    AND o.model_bytes <= t.model_bytes AND o.accuracy >= t.accuracy
                    AND (o.model_bytes < t.model_bytes OR o.accuracy > t.accuracy))
                  AND t.model_bytes IS NOT NULL AND t.accuracy IS NOT NULL
                ORDER BY t.trial_id""", "--format", "csv");
        assertEquals(0, front.code(), front.err());
        assertEquals("trial_id\nt2\nt3\nt4\nt5\nt7\n", front.out());
    }
}
