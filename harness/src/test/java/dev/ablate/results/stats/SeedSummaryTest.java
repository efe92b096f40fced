package dev.ablate.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The t and bootstrap intervals against hand-computed values, and their edge cases. */
class SeedSummaryTest {

    @Test
    void tIntervalOfThreeSeeds() {
        // mean 0.89, sd 0.01, t(0.975, 2) = 4.302653, half-width 4.302653 · 0.01 / √3 = 0.024841
        SeedSummary s = SeedSummary.tInterval(new double[] {0.88, 0.89, 0.90}, 0.95);
        assertEquals(3, s.n());
        assertEquals(0.89, s.mean(), 1e-12);
        assertEquals(0.01, s.std(), 1e-12);
        assertEquals(0.89 - 0.024841, s.ciLow(), 1e-6);
        assertEquals(0.89 + 0.024841, s.ciHigh(), 1e-6);
        assertEquals(SeedSummary.Method.T_INTERVAL, s.method());
    }

    @Test
    void tIntervalOfTwoSeedsAt90Percent() {
        // {1, 3}: mean 2, sd √2, t(0.95, 1) = 6.313752, half-width 6.313752 · √2 / √2
        SeedSummary s = SeedSummary.tInterval(new double[] {3, 1}, 0.90);
        assertEquals(Math.sqrt(2), s.std(), 1e-12);
        assertEquals(2 - 6.313752, s.ciLow(), 1e-6);
        assertEquals(2 + 6.313752, s.ciHigh(), 1e-6);
    }

    @Test
    void oneValueHasAMeanButNoSpread() {
        for (SeedSummary s : new SeedSummary[] {SeedSummary.tInterval(new double[] {0.7}, 0.95),
                SeedSummary.bootstrap(new double[] {0.7}, 0.95, 100, 1)}) {
            assertEquals(1, s.n());
            assertEquals(0.7, s.mean());
            assertTrue(Double.isNaN(s.std()) && Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()), s.toString());
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.tInterval(new double[0], 0.95));
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.bootstrap(new double[0], 0.95, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.tInterval(new double[] {1, Double.NaN}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.tInterval(new double[] {1, 2}, 1.0));
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.bootstrap(new double[] {1, 2}, 0.95, 0, 0));
    }

    @Test
    void bootstrapIsReproducibleForASeedWhateverTheOrder() {
        double[] v = {0.91, 0.88, 0.93, 0.90, 0.87};
        SeedSummary a = SeedSummary.bootstrap(v, 0.95, 2000, 42);
        assertEquals(a, SeedSummary.bootstrap(new double[] {0.87, 0.90, 0.93, 0.88, 0.91}, 0.95, 2000, 42));
        assertNotEquals(a, SeedSummary.bootstrap(v, 0.95, 2000, 43));
        assertEquals(SeedSummary.Method.BOOTSTRAP, a.method());
        assertTrue(a.ciLow() < a.mean() && a.mean() < a.ciHigh(), a.toString());
        assertTrue(a.ciLow() >= 0.87 && a.ciHigh() <= 0.93, a.toString());
    }

    @Test
    void bootstrapIsCloseToTheTIntervalForANormalSampleOfThirty() {
        Random random = new Random(7);
        double[] v = new double[30];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.9 + 0.01 * random.nextGaussian();
        }
        SeedSummary t = SeedSummary.tInterval(v, 0.95);
        SeedSummary boot = SeedSummary.bootstrap(v, 0.95, 2000, 0);
        double half = (t.ciHigh() - t.ciLow()) / 2;
        assertEquals(t.mean(), boot.mean(), 1e-12);
        assertEquals(t.ciLow(), boot.ciLow(), 0.15 * half);
        assertEquals(t.ciHigh(), boot.ciHigh(), 0.15 * half);
    }
}
