package dev.ablate.compress.quant.format;

import java.util.SplittableRandom;

/**
 * A scalar number format whose values are rounded one at a time, with no scale to choose: the minifloats
 * ({@link FloatFormat}) and fixed point ({@link FixedPointFormat}).
 */
public interface ElementFormat {

    /** The spec spelling, e.g. {@code fp8-e5m2}, {@code fixed<16,8>}. */
    String name();

    /** The nearest value of the format to {@code x}, ties to even; out-of-range values as the format defines. */
    float round(float x);

    /** One of the two format values around {@code x}, drawn without bias from {@code rng}. */
    float round(float x, SplittableRandom rng);

    /** Whether rounding the finite value {@code x} leaves the finite range (becomes ±Inf or saturates). */
    boolean overflows(float x);
}
