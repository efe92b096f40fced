package dev.ablate.results.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Log-axis tick labels: their text, and how densely they are placed for short and long ranges. */
class DecadeAxisTest {

    @ParameterizedTest(name = "{0}×10^{1} -> {2}")
    @CsvSource({"1, 4, 10⁴", "2, 4, 2×10⁴", "1, -3, 10⁻³", "5, 0, 5×10⁰", "1, 12, 10¹²", "1, -10, 10⁻¹⁰"})
    void labels(int mantissa, int exponent, String text) {
        assertEquals(text, DecadeAxis.label(mantissa, exponent));
    }

    @ParameterizedTest(name = "x from {0} to {1}")
    @CsvSource({
        // inside one decade: every mantissa in range gets a label
        "3e4, 8e4, 4×10⁴;5×10⁴;6×10⁴;7×10⁴, ''",
        // two decades: decades and 2, 5 between them
        "1.5e4, 9e5, 2×10⁴;5×10⁴;10⁵;2×10⁵;5×10⁵, 3×10⁴",
        // many decades: decades only, and not all of them
        "1e-12, 1e12, 10⁰, 10¹"})
    void ticksAreAsDenseAsTheLabelsFit(double low, double high, String present, String absent) {
        List<ParetoPoint> points = DoubleStream.of(low, Math.sqrt(low * high), high)
                .mapToObj(x -> new ParetoPoint("g", "", x, 1, false)).toList();
        List<String> texts = ParsedSvg.parse(Charts.pareto("p", "", new Axis("x (log scale)", true),
                new Axis("y", false), points).svg()).texts();
        for (String label : present.split(";")) {
            assertTrue(texts.contains(label), label + " in " + texts);
        }
        if (!absent.isEmpty()) {
            assertFalse(texts.contains(absent), absent + " not in " + texts);
        }
    }
}
