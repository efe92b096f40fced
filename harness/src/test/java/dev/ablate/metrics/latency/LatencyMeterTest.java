package dev.ablate.metrics.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyMeterTest {

    /** A kernel that busy-waits {@code micros} per call and records the first feature of every example it sees. */
    private static final class SpinKernel {
        final List<Float> seen = new ArrayList<>();
        final long nanos;

        SpinKernel(long micros) {
            this.nanos = micros * 1000;
        }

        InferenceKernel kernel() {
            return InferenceKernel.of("spin", (x, n) -> {
                long end = System.nanoTime() + nanos;
                for (int i = 0; i < n; i++) {
                    seen.add(x[i * 2]);
                }
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return new float[] {x[0]};
            }, 2);
        }
    }

    @Test
    void medianOfASpinningKernelIsItsSpinTime() {
        SpinKernel spin = new SpinKernel(1000);
        LatencyMeter meter = new LatencyMeter(new LatencyMeter.Settings(20, 5, 20));

        LatencySample s = meter.measure(spin.kernel(), new float[] {1, 0, 2, 0, 3, 0}, 3, 4);

        assertEquals("spin", s.kernel());
        assertEquals(4, s.batch());
        assertEquals(5, s.reps());
        // every call spins at least 1 ms, so no repetition can be faster; a busy shared machine may preempt the
        // spinning thread, hence the loose upper bound, still far below the 20 ms a repetition lasts
        assertTrue(s.minMs() >= 1.0, "min " + s.minMs());
        assertTrue(s.medianMs() < 5.0, "median " + s.medianMs());
        assertTrue(s.minMs() <= s.medianMs() && s.medianMs() <= s.maxMs(), s.toString());
        assertEquals(4 / (s.medianMs() / 1000), s.throughput(), 1e-9 * s.throughput());
    }

    @Test
    void warmUpLastsWhileTheKernelStillSpeedsUp() {
        // simulated time: a kernel that speeds up as a JIT compiling it would, 1 ms + 7 ms × 0.8^call, so ~4 ms a
        // call at the end of a fixed 10 ms warm-up, within 5% of 1 ms only after ~20 calls
        long[] now = {0};
        int[] calls = {0};
        InferenceKernel settling = InferenceKernel.of("settling", (x, n) -> {
            now[0] += 1_000_000L + (long) (7_000_000L * Math.pow(0.8, calls[0]++));
            return new float[] {x[0]};
        }, 1);
        LatencyMeter.Settings settings = new LatencyMeter.Settings(10, 5, 20);
        LatencySample s = new LatencyMeter(settings, () -> now[0]).measure(settling, new float[] {1}, 1, 1);
        assertTrue(s.maxMs() < 1.1, "no repetition timed the settling calls: " + s);

        // without the wait for a steady kernel (no warm-up at all), the first repetitions time the slow calls
        now[0] = 0;
        calls[0] = 0;
        LatencySample cold = new LatencyMeter(new LatencyMeter.Settings(0, 5, 20), () -> now[0])
                .measure(settling, new float[] {1}, 1, 1);
        assertTrue(cold.maxMs() > 3, cold.toString());
    }

    @Test
    void cyclesThroughTheExamplesInWholeBatches() {
        SpinKernel spin = new SpinKernel(0);
        LatencyMeter meter = new LatencyMeter(new LatencyMeter.Settings(0, 3, 0));
        // examples 0..4 with first features 10..14; batch 2: [10 11] [12 13] [14 10], then again
        float[] x = {10, 0, 11, 0, 12, 0, 13, 0, 14, 0};

        meter.measure(spin.kernel(), x, 5, 2);

        // no warm-up and a 0 ms minimum: exactly one call per repetition
        assertArrayEquals(new Object[] {10f, 11f, 12f, 13f, 14f, 10f}, spin.seen.toArray());
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        LatencyMeter meter = new LatencyMeter(new LatencyMeter.Settings(0, 1, 0));
        InferenceKernel k = new SpinKernel(0).kernel();
        float[] x = new float[4];

        assertMessage("batch=0 must be at least 1", () -> meter.measure(k, x, 2, 0));
        assertMessage("exampleCount=0 must be at least 1", () -> meter.measure(k, x, 0, 1));
        assertMessage("must fit the 4 values given", () -> meter.measure(k, x, 3, 1));
        assertMessage("reps=0 at least 1", () -> new LatencyMeter.Settings(0, 0, 0));
        assertMessage("warmupMillis=-1", () -> new LatencyMeter.Settings(-1, 1, 0));
    }

    @Test
    void sampleSummarisesRepetitions() {
        LatencySample s = LatencySample.of("k", 8, List.of(4.0, 1.0, 2.0, 3.0));

        assertEquals(2.5, s.medianMs());
        assertEquals(1.0, s.minMs());
        assertEquals(4.0, s.maxMs());
        assertEquals(4, s.reps());
        assertEquals(3200.0, s.throughput(), 1e-9);
        assertMessage("at least one repetition", () -> LatencySample.of("k", 1, List.of()));
        assertMessage("positive", () -> LatencySample.of("k", 1, List.of(0.0, 1.0)));
        assertMessage("batch=0", () -> LatencySample.of("k", 0, List.of(1.0)));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
