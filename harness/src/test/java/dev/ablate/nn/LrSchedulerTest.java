package dev.ablate.nn;

import dev.ablate.spec.LrSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LrSchedulerTest {

    private static final double TOL = 1e-12;

    @Test
    void noneIsConstant() {
        LrScheduler s = new LrScheduler(LrSchedule.CONSTANT, 0.1, 10);
        assertEquals(0.1, s.learningRate(0, 0, 5));
        assertEquals(0.1, s.learningRate(9, 4, 5));
    }

    @ParameterizedTest(name = "epoch {0} -> {1}")
    @CsvSource({"0, 0.1", "2, 0.1", "3, 0.05", "5, 0.05", "6, 0.025", "9, 0.0125"})
    void stepDecaysEveryStepSizeEpochs(int epoch, double expected) {
        LrScheduler s = new LrScheduler(new LrSchedule("step", 3, 0.5, 0, 0), 0.1, 10);
        assertEquals(expected, s.learningRate(epoch, 0, 7), TOL);
        assertEquals(expected, s.learningRate(epoch, 6, 7), TOL, "constant within the epoch");
    }

    @Test
    void stepCountsEpochsFromTheEndOfWarmUp() {
        LrScheduler s = new LrScheduler(new LrSchedule("step", 3, 0.5, 2, 0), 0.1, 10);
        assertEquals(0.1, s.learningRate(2, 0, 4), TOL);
        assertEquals(0.1, s.learningRate(4, 0, 4), TOL);
        assertEquals(0.05, s.learningRate(5, 0, 4), TOL);
    }

    @ParameterizedTest(name = "epoch {0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "5, 0.0505",          // half way: (lr + min_lr) / 2
            "9, 0.00342270244",   // 0.001 + 0.099 * (1 + cos(0.9 pi)) / 2, CosineAnnealingLR(T_max=10)
            "10, 0.001"})         // T_max: min_lr (one past the last trained epoch)
    void cosineAnnealsToMinLr(int epoch, double expected) {
        LrScheduler s = new LrScheduler(new LrSchedule("cosine", 1, 1, 0, 0.001), 0.1, 10);
        assertEquals(expected, s.learningRate(epoch, 0, 3), 1e-10);
    }

    @Test
    void cosinePeriodIsTheEpochsAfterWarmUp() {
        LrScheduler s = new LrScheduler(new LrSchedule("cosine", 1, 1, 2, 0.0), 0.1, 12);
        assertEquals(0.1, s.learningRate(2, 0, 3), TOL);
        assertEquals(0.05, s.learningRate(7, 0, 3), TOL);
        assertEquals(0.1 * (1 + Math.cos(Math.PI * 9 / 10)) / 2, s.learningRate(11, 2, 3), TOL);
    }

    @ParameterizedTest(name = "epoch {0} step {1} -> {2} lr")
    @CsvSource({
            "0, 0, 0.333333333333", // lr / (W + 1)
            "0, 2, 0.5",            // lr (1 + 2/4) / 3
            "1, 0, 0.666666666667", // epoch boundary: lr (e + 1) / (W + 1)
            "1, 3, 0.916666666667", // lr (1 + 7/4) / 3
            "2, 0, 1.0",            // warm-up over: the schedule's own value
            "2, 3, 1.0"})
    void warmUpIsLinearPerBatch(int epoch, int step, double fraction) {
        LrScheduler s = new LrScheduler(new LrSchedule("none", 1, 1, 2, 0), 0.3, 10);
        assertEquals(0.3 * fraction, s.learningRate(epoch, step, 4), 1e-12);
    }

    @Test
    void warmUpRisesStrictlyEveryBatch() {
        LrScheduler s = new LrScheduler(new LrSchedule("cosine", 1, 1, 3, 0), 0.1, 20);
        double previous = 0;
        for (int e = 0; e < 3; e++) {
            for (int b = 0; b < 5; b++) {
                double lr = s.learningRate(e, b, 5);
                assertTrue(lr > previous && lr < 0.1, "epoch " + e + " step " + b + ": " + lr);
                previous = lr;
            }
        }
        assertEquals(0.1, s.learningRate(3, 0, 5), TOL);
    }

    @Test
    void rejectsUnknownScheduleAndBadPositions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LrScheduler(new LrSchedule("exponential", 1, 0.9, 0, 0), 0.1, 5));
        assertEquals("train.schedule: unknown schedule 'exponential' (expected one of none, step, cosine)",
                e.getMessage());
        LrScheduler s = new LrScheduler(LrSchedule.CONSTANT, 0.1, 5);
        assertThrows(IllegalArgumentException.class, () -> s.learningRate(-1, 0, 3));
        assertEquals(0.1, s.learningRate(0, 0, 0), "an empty epoch counts as one step");
    }
}
