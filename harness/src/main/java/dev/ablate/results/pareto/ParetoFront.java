package dev.ablate.results.pareto;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The non-dominated points of a two-objective set. A point is dominated when another point is at least as
 * good in both objectives and strictly better in one, so equal points do not dominate each other: duplicates
 * on the front both stay on it. A point with a NaN coordinate is never on the front and dominates nothing.
 * Sorting and one sweep: O(n log n).
 */
public final class ParetoFront {

    /** Whether larger or smaller values of an objective are better. */
    public enum Direction {
        /** Smaller is better (size, latency, loss). */
        MINIMIZE,
        /** Larger is better (accuracy, throughput). */
        MAXIMIZE;

        /** The value turned into one where smaller is better; -0.0 becomes 0.0 so that it ties with 0.0. */
        double cost(double value) {
            return (this == MINIMIZE ? value : -value) + 0.0;
        }
    }

    private ParetoFront() {
    }

    /**
     * Marks the points on the front.
     *
     * @param x  first coordinate of each point
     * @param xs whether larger or smaller x is better
     * @param y  second coordinate of each point, as long as {@code x}
     * @param ys whether larger or smaller y is better
     * @return for each point, whether it is on the front
     * @throws IllegalArgumentException if {@code x} and {@code y} differ in length
     */
    public static boolean[] mark(double[] x, Direction xs, double[] y, Direction ys) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, got " + x.length + " and " + y.length);
        }
        double[] a = new double[x.length];
        double[] b = new double[y.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = xs.cost(x[i]);
            b[i] = ys.cost(y[i]);
        }
        Integer[] order = IntStream.range(0, a.length).filter(i -> !Double.isNaN(a[i]) && !Double.isNaN(b[i]))
                .boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> a[i]).thenComparingDouble(i -> b[i]));
        boolean[] front = new boolean[a.length];
        // sweep groups of equal a in increasing a: within a group only the smallest b can be on the front, and
        // (after the first group) only if every point of smaller a has a strictly larger b
        double bestBefore = Double.POSITIVE_INFINITY;
        int start = 0;
        while (start < order.length) {
            double groupA = a[order[start]];
            double groupB = b[order[start]];
            int end = start;
            while (end < order.length && a[order[end]] == groupA) {
                front[order[end]] = b[order[end]] == groupB && (start == 0 || groupB < bestBefore);
                end++;
            }
            bestBefore = Math.min(bestBefore, groupB);
            start = end;
        }
        return front;
    }
}
