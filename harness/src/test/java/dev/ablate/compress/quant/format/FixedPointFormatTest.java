package dev.ablate.compress.quant.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedPointFormatTest {

    private static final FixedPointFormat Q4_4 = new FixedPointFormat(8, 4); // step 1/16, range [-8, 127/16]

    @ParameterizedTest(name = "fixed<8,4>({0}) = {1}")
    @CsvSource({
            "0.5, 0.5",            // on the grid
            "0.53, 0.5",           // below half a step
            "0.59, 0.5625",        // above half a step
            "0.03125, 0",          // tie 0.5 step: to the even code 0
            "0.09375, 0.125",      // tie 1.5 steps: to the even code 2
            "-0.09375, -0.125",    // tie -1.5 steps: to the even code -2
            "-0.15625, -0.125",    // tie -2.5 steps: to the even code -2
            "7.9375, 7.9375",      // the largest value
            "7.97, 7.9375",        // saturates up
            "1000, 7.9375",
            "Infinity, 7.9375",
            "-8, -8",              // the most negative value
            "-8.2, -8",            // saturates down
            "-Infinity, -8",
    })
    void roundsToNearestTiesToEvenAndSaturates(float x, float expected) {
        assertEquals(expected, Q4_4.round(x));
    }

    @Test
    void zeroIsPositiveAndNaNStaysNaN() {
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Q4_4.round(-0.01f)));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Q4_4.round(-0f)));
        assertTrue(Float.isNaN(Q4_4.round(Float.NaN)));
        assertTrue(Float.isNaN(Q4_4.round(Float.NaN, new SplittableRandom(1))));
    }

    @Test
    void rangeAndStepFollowTheWidths() {
        FixedPointFormat f = FixedPointFormat.parse("fixed<16,8>");
        assertEquals(new FixedPointFormat(16, 8), f);
        assertEquals("fixed<16,8>", f.name());
        assertEquals(1.0 / 256, f.step());
        assertEquals(-128.0, f.min());
        assertEquals(32767.0 / 256, f.max());
        assertEquals(new FixedPointFormat(32, 0), FixedPointFormat.parse(" fixed< 32, 0 > "));
        assertTrue(Q4_4.overflows(8f));
        assertTrue(Q4_4.overflows(-8.01f));
        assertFalse(Q4_4.overflows(-8f));
        assertFalse(Q4_4.overflows(Float.NaN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed<1,0>", "fixed<33,4>", "fixed<8,8>", "fixed<8,-1>", "fixed<8>", "fixed16,8",
            "int<8,4>", "fixed<99999999999,1>"})
    void malformedSpellingsAreRejectedQuotingThem(String spelling) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.parse(spelling));
        assertTrue(e.getMessage().contains("fixed<") || e.getMessage().contains(spelling), e.getMessage());
    }

    @Test
    void widthErrorsNameTheBadValue() {
        assertEquals("fixed<8,9>: frac must be at least 0 and below word (8), got 9",
                assertThrows(IllegalArgumentException.class, () -> new FixedPointFormat(8, 9)).getMessage());
        assertEquals("fixed<40,4>: word must be 2 to 32 bits, got 40",
                assertThrows(IllegalArgumentException.class, () -> new FixedPointFormat(40, 4)).getMessage());
    }

    @Test
    void stochasticRoundingIsUnbiasedAndLandsOnTheNeighbours() {
        SplittableRandom rng = new SplittableRandom(7);
        float x = 0.51f; // 8.16 steps: up with probability 0.16
        int draws = 200_000;
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            float r = Q4_4.round(x, rng);
            assertTrue(r == 0.5f || r == 0.5625f, "neighbour, got " + r);
            sum += r;
        }
        // standard error of the mean: step * sqrt(0.16 * 0.84) / sqrt(draws) ≈ 5e-5
        assertEquals(x, sum / draws, 3e-4);
        float negative = -0.51f;
        double negSum = 0;
        for (int i = 0; i < draws; i++) {
            negSum += Q4_4.round(negative, rng);
        }
        assertEquals(negative, negSum / draws, 3e-4);
    }

    @Test
    void stochasticRoundingIsReproducibleKeepsGridValuesAndSaturates() {
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            float x = (float) (i * 0.0137 - 7);
            assertEquals(Q4_4.round(x, a), Q4_4.round(x, b));
        }
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            assertEquals(0.4375f, Q4_4.round(0.4375f, rng));
            assertEquals(7.9375f, Q4_4.round(50f, rng));
            assertEquals(-8f, Q4_4.round(Float.NEGATIVE_INFINITY, rng));
        }
    }
}
