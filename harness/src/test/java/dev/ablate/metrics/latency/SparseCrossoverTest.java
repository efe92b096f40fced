package dev.ablate.metrics.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SparseCrossoverTest {

    private static SparseCrossover.Point point(double sparsity, int batch, double denseMs, double csrMs) {
        return new SparseCrossover.Point("a", sparsity, LatencySample.of("d", batch, List.of(denseMs)),
                LatencySample.of("c", batch, List.of(csrMs)));
    }

    @Test
    void crossoverIsTheLeastSparsityFromWhichCsrAlwaysWins() {
        List<SparseCrossover.Point> points = List.of(
                point(0.5, 1, 1.0, 0.9), point(0.5, 64, 1.0, 2.0),
                point(0.7, 1, 1.0, 1.1), point(0.7, 64, 1.0, 0.9),
                point(0.9, 1, 1.0, 0.5), point(0.9, 64, 1.0, 0.8),
                point(0.95, 1, 1.0, 0.4), point(0.95, 64, 1.0, 0.6));

        // 0.5 wins at batch 1 only, 0.7 at batch 64 only: CSR wins everywhere from 0.9 on
        assertEquals(OptionalDouble.of(0.9), SparseCrossover.crossover(points));
        assertEquals(OptionalDouble.empty(), SparseCrossover.crossover(List.of(point(0.9, 1, 1.0, 1.0))));
        assertEquals(2.0, point(0.9, 1, 1.0, 0.5).speedup(), 1e-12);
    }

    @Test
    void measuresDenseAndCsrPerArchitectureSparsityAndBatch() {
        LatencyMeter fast = new LatencyMeter(new LatencyMeter.Settings(0, 1, 0));

        List<SparseCrossover.Point> points = SparseCrossover.measure(List.of("lenet-300-100"), List.of(0.5, 0.9),
                List.of(1, 4), fast);

        assertEquals(4, points.size());
        for (SparseCrossover.Point p : points) {
            assertTrue(p.dense().kernel().startsWith("fp32-dense/"), p.toString());
            assertEquals("fp32-csr", p.csr().kernel());
            assertEquals(p.batch(), p.csr().batch());
        }
        assertEquals(List.of(0.5, 0.5, 0.9, 0.9), points.stream().map(SparseCrossover.Point::sparsity).toList());
        assertEquals(List.of(1, 4, 1, 4), points.stream().map(SparseCrossover.Point::batch).toList());
    }
}
