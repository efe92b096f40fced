package dev.ablate.compress.quant;

import java.util.SplittableRandom;

/** Seeded random tensors for quantization tests. */
public final class TestTensors {

    private TestTensors() {
    }

    /** {@code n} float32 draws from N(0, sigma²), the same for the same seed. */
    public static float[] gaussian(long seed, int n, double sigma) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * sigma);
        }
        return x;
    }
}
