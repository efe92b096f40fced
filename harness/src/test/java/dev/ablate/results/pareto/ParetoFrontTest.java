package dev.ablate.results.pareto;

import static dev.ablate.results.pareto.ParetoFront.Direction.MAXIMIZE;
import static dev.ablate.results.pareto.ParetoFront.Direction.MINIMIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ablate.results.pareto.ParetoFront.Direction;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-made point sets in every direction, ties, duplicates and NaN, and the sweep against brute force. */
class ParetoFrontTest {

    private static final double NAN = Double.NaN;

    @Test
    void smallAndAccurateByDefaultDirections() {
        double[] bytes = {100, 200, 300, 150, 250, 400};
        double[] acc = {0.80, 0.85, 0.90, 0.79, 0.88, 0.90};
        // 150 is beaten by 100 (smaller, more accurate); 400 ties 300 on accuracy but is larger
        assertArrayEquals(new boolean[] {true, true, true, false, true, false},
                ParetoFront.mark(bytes, MINIMIZE, acc, MAXIMIZE));
    }

    @Test
    void directionsSelectTheCorner() {
        double[] x = {1, 2, 3, 2};
        double[] y = {1, 3, 2, 2};
        assertArrayEquals(new boolean[] {true, false, false, false}, ParetoFront.mark(x, MINIMIZE, y, MINIMIZE));
        assertArrayEquals(new boolean[] {false, true, true, false}, ParetoFront.mark(x, MAXIMIZE, y, MAXIMIZE));
        assertArrayEquals(new boolean[] {true, true, false, false}, ParetoFront.mark(x, MINIMIZE, y, MAXIMIZE));
        assertArrayEquals(new boolean[] {true, false, true, false}, ParetoFront.mark(x, MAXIMIZE, y, MINIMIZE));
    }

    @Test
    void tiesDominateOnlyWhenStrictlyBetterSomewhere() {
        double[] x = {1, 1, 1, 2, 2, 0.0};
        double[] y = {5, 5, 4, 5, 6, 3};
        // (1,5) twice: duplicates, both on; (1,4) loses to (1,5) at equal x; (2,5) loses to (1,5) at equal y
        assertArrayEquals(new boolean[] {true, true, false, false, true, true},
                ParetoFront.mark(x, MINIMIZE, y, MAXIMIZE));
        // -0.0 and 0.0 are the same value
        assertArrayEquals(new boolean[] {true, true}, ParetoFront.mark(new double[] {-0.0, 0.0}, MINIMIZE,
                new double[] {1, 1}, MAXIMIZE));
    }

    @Test
    void nanPointsAreNeverOnTheFrontAndDominateNothing() {
        double[] x = {NAN, 1, 2, 0};
        double[] y = {1.0, NAN, 0.5, 0.4};
        assertArrayEquals(new boolean[] {false, false, true, true}, ParetoFront.mark(x, MINIMIZE, y, MAXIMIZE));
        assertArrayEquals(new boolean[0], ParetoFront.mark(new double[0], MINIMIZE, new double[0], MAXIMIZE));
        assertArrayEquals(new boolean[] {true}, ParetoFront.mark(new double[] {Double.NEGATIVE_INFINITY}, MAXIMIZE,
                new double[] {Double.NEGATIVE_INFINITY}, MAXIMIZE));
        assertThrows(IllegalArgumentException.class, () -> ParetoFront.mark(new double[1], MINIMIZE, new double[2], MAXIMIZE));
    }

    @Test
    void agreesWithTheDefinitionOnRandomGrids() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(30);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) { // a coarse grid, so ties and duplicates are common
                x[i] = random.nextInt(6);
                y[i] = random.nextInt(10) == 0 ? NAN : random.nextInt(6);
            }
            for (Direction dx : Direction.values()) {
                for (Direction dy : Direction.values()) {
                    assertArrayEquals(bruteForce(x, dx, y, dy), ParetoFront.mark(x, dx, y, dy), "round " + round);
                }
            }
        }
    }

    private static boolean[] bruteForce(double[] x, Direction dx, double[] y, Direction dy) {
        boolean[] front = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            front[i] = !Double.isNaN(x[i]) && !Double.isNaN(y[i]);
            for (int j = 0; j < x.length && front[i]; j++) {
                double ax = dx.cost(x[j]) - dx.cost(x[i]);
                double ay = dy.cost(y[j]) - dy.cost(y[i]);
                front[i] = !(ax <= 0 && ay <= 0 && (ax < 0 || ay < 0));
            }
        }
        assertEquals(x.length, front.length);
        return front;
    }
}
