package dev.ablate.compress.quant;

import java.util.SplittableRandom;

/**
 * A number format applied to a whole tensor: the format's grid, the granularity its parameters are shared at,
 * how those parameters are chosen and how values are rounded. It simulates the format in float32 (fake
 * quantization): every output value is exactly representable in the format after scaling. Implementations
 * are immutable and thread-safe; all randomness (stochastic rounding) comes from the generator passed in.
 */
public interface TensorFormat {

    /** The format's spec name, e.g. {@code int}, {@code fp8-e4m3}, {@code mxfp4}, {@code codebook}. */
    String name();

    /**
     * Quantizes and dequantizes {@code x}.
     *
     * @param x       row-major values; axis 0 is the output channel ({@code [out, in]} or {@code [out, in, kh, kw]})
     * @param shape   the tensor's shape, product equal to {@code x.length}
     * @param out     receives the quantized values, same length as {@code x} (may be {@code x} itself)
     * @param steMask if not {@code null}, receives 1 where the straight-through estimator passes the gradient
     *                (the value was inside the representable range) and 0 where it was clipped
     * @param rng     source of stochastic rounding; unused by deterministic rounding
     * @return what the quantization did, for the results and for packing the model
     */
    QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng);
}
