package dev.ablate.compress.quant.integer;

import static dev.ablate.compress.quant.integer.FixedPointMultiplier.roundingDivideByPowerOfTwo;
import static dev.ablate.compress.quant.integer.FixedPointMultiplier.saturatingRoundingDoublingHighMul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gemmlowp/TFLite fixed-point requantization against closed-form cases. */
class FixedPointMultiplierTest {

    @ParameterizedTest(name = "QuantizeMultiplier({0}) = ({1}, {2})")
    @CsvSource({
        "0.5,                 1073741824,   0",   // frexp: 0.5 * 2^0
        "0.3,                 1288490189,  -1",   // 0.6 * 2^-1, round(0.6 * 2^31) = round(1288490188.8)
        "1.0e-5,              1407374884, -16",   // 0.65536 * 2^-16, round(1407374883.55328)
        "1.0,                 1073741824,   1",
        "0.99999999988358468, 1073741824,   1",   // 1 - 2^-33: the mantissa rounds up to 2^31 and carries
        "2.3283064365386963e-10, 1073741824, -31", // 2^-32: the smallest exponent kept
        "9.094947017729282e-13, 0,          0",   // 2^-40: too small, becomes 0
        "1.099511627776e12,   2147483647,  30",   // 2^40: saturates
    })
    void quantizeMultiplierMatchesTflite(double real, int multiplier, int shift) {
        assertEquals(new FixedPointMultiplier(multiplier, shift), FixedPointMultiplier.of(real));
    }

    @Test
    void rejectsNonPositiveMultipliersAndBadPairs() {
        assertThrows(IllegalArgumentException.class, () -> FixedPointMultiplier.of(0));
        assertThrows(IllegalArgumentException.class, () -> FixedPointMultiplier.of(-0.5));
        assertThrows(IllegalArgumentException.class, () -> FixedPointMultiplier.of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new FixedPointMultiplier(5, 0));
        assertThrows(IllegalArgumentException.class, () -> new FixedPointMultiplier(1 << 30, -32));
        assertThrows(IllegalArgumentException.class, () -> roundingDivideByPowerOfTwo(1, 32));
    }

    @ParameterizedTest(name = "SRDHM({0}, {1}) = {2}")
    @CsvSource({
        "3,           1073741824,  2",            // 1.5 -> 2 (ties up)
        "-3,          1073741824, -1",            // -1.5 -> -1 (ties up, toward +inf)
        "-5,          1073741824, -2",            // -2.5 -> -2
        "7,           1073741824,  4",            // 3.5 -> 4
        "-2147483648, -2147483648, 2147483647",   // the one overflow saturates
        "2147483647,  2147483647,  2147483646",
        "-2147483648, 2147483647, -2147483647",
        "0,           2147483647,  0",
    })
    void saturatingRoundingDoublingHighMulClosedForm(int a, int b, int expected) {
        assertEquals(expected, saturatingRoundingDoublingHighMul(a, b));
    }

    @ParameterizedTest(name = "RoundingDivideByPOT({0}, {1}) = {2}")
    @CsvSource({
        "3, 1, 2", "-3, 1, -2", "5, 1, 3", "-5, 1, -3",     // ties away from zero
        "6, 2, 2", "-6, 2, -2", "5, 2, 1", "-5, 2, -1", "7, 2, 2", "-7, 2, -2",
        "17, 0, 17",
        "-2147483648, 31, -1", "2147483647, 31, 1", "1073741823, 31, 0", "1073741824, 31, 1",
    })
    void roundingDivideByPowerOfTwoClosedForm(int x, int exponent, int expected) {
        assertEquals(expected, roundingDivideByPowerOfTwo(x, exponent));
    }

    @ParameterizedTest(name = "{0} * {1} = {2}")
    @CsvSource({
        "0.5,  3,  2", "0.5, -3, -1",              // SRDHM's tie goes up
        "0.25, 6,  2", "0.25, -6, -2",             // exact high product, RDBPOT's tie goes away from zero
        "0.25, 2,  1", "0.25, -2, -1",
        "0.3,  10, 3", "0.3, -10, -3",
        "4.0,  100, 400",
        "4.0,  536870912, 1073741824",             // 2^29 << 2 saturates to 2^31 - 1 instead of wrapping negative
    })
    void applyClosedForm(double real, int x, int expected) {
        assertEquals(expected, FixedPointMultiplier.of(real).apply(x));
    }

    @Test
    void applyIsWithinHalfAStepPlusTheSecondRoundingOfTheExactProduct() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double real = Math.exp(rng.nextDouble(Math.log(1e-7), Math.log(1.0)));
            int x = rng.nextInt(-(1 << 24), 1 << 24);
            FixedPointMultiplier m = FixedPointMultiplier.of(real);
            assertTrue(Math.abs(m.value() / real - 1) < 1e-9, () -> m + " vs " + real);
            double bound = 0.5 + 0.5 * Math.scalb(1.0, m.shift()) + 1e-9;
            double exact = x * m.value();
            assertTrue(Math.abs(m.apply(x) - exact) <= bound, () -> x + " * " + real + ": " + m.apply(x) + " vs " + exact);
        }
    }
}
