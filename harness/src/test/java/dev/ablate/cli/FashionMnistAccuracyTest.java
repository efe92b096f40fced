package dev.ablate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.ParquetTables;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zoo reaches its accuracy targets on full Fashion-MNIST with the settings of
 * {@code experiments/reproductions/fmnist-baselines.yaml}. Long (minutes): runs only with
 * {@code mvn verify -Paccuracy}.
 */
@Tag("accuracy")
class FashionMnistAccuracyTest {

    private static final Map<String, Double> TARGETS = Map.of("lenet-300-100", 0.89, "lenet-5", 0.905, "cnn-bn", 0.91);

    @TempDir
    Path results;

    @Test
    void zooMeetsItsTargets() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AblateCli.execute(new PrintWriter(out), new PrintWriter(err), "run",
                "../experiments/reproductions/fmnist-baselines.yaml", "--results", results.toString());
        assertEquals(0, code, err.toString());
        List<Row> rows = ParquetTables.readAll(results.resolve("fmnist-baselines/trials"), TrialsTable.SCHEMA);
        assertEquals(TARGETS.size(), rows.size());
        StringBuilder table = new StringBuilder();
        rows.forEach(r -> table.append(r.get(TrialsTable.MODEL_ARCH)).append(' ').append(r.get(TrialsTable.ACCURACY))
                .append(' ').append(r.get(TrialsTable.TRAIN_SECONDS)).append("s\n"));
        System.out.println("fmnist-baselines:\n" + table);
        for (Row r : rows) {
            String arch = r.get(TrialsTable.MODEL_ARCH);
            assertEquals("ok", r.get(TrialsTable.STATUS), () -> arch + ": " + r.get(TrialsTable.ERROR));
            assertTrue(r.get(TrialsTable.ACCURACY) >= TARGETS.get(arch), () -> arch + " below target: " + table);
        }
    }
}
