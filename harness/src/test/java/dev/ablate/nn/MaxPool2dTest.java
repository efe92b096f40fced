package dev.ablate.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free 2×2 path agrees with the general window loop, ties and NaN included. */
class MaxPool2dTest {

    @Test
    void twoByTwoPathMatchesTheGeneralLoopOnRandomDataWithTies() {
        SplittableRandom rng = new SplittableRandom(5);
        int c = 3;
        int h = 6;
        int w = 8;
        int n = 4;
        float[] x = new float[n * c * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(4) - 1.5f; // few distinct values: many ties
        }
        MaxPool2d fast = new MaxPool2d("p", c, h, w, 2, 2);
        float[] out = fast.forward(x, n).clone();
        float[] grad = new float[out.length];
        Arrays.fill(grad, 1f);
        float[] routed = fast.backward(grad, n, true).clone();
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            for (int oh = 0; oh < h / 2; oh++) {
                for (int ow = 0; ow < w / 2; ow++, o++) {
                    int first = plane * h * w + 2 * oh * w + 2 * ow;
                    int[] window = {first, first + 1, first + w, first + w + 1};
                    int best = window[0];
                    for (int i : window) {
                        if (x[i] > x[best]) {
                            best = i;
                        }
                    }
                    assertEquals(x[best], out[o], 0f);
                    assertEquals(1f, routed[best], 0f, "gradient goes to the first maximum");
                }
            }
        }
        float total = 0;
        for (float v : routed) {
            total += v;
        }
        assertEquals(out.length, total, 0f);
    }

    @Test
    void aNaNInTheWindowPropagates() {
        MaxPool2d pool = new MaxPool2d("p", 1, 2, 2, 2, 2);
        assertTrue(Float.isNaN(pool.forward(new float[] {1f, Float.NaN, 3f, 2f}, 1)[0]));
        assertArrayEquals(new float[] {3f}, Arrays.copyOf(pool.forward(new float[] {1f, -2f, 3f, 3f}, 1), 1));
    }
}
