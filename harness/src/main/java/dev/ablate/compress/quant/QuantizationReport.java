package dev.ablate.compress.quant;

/**
 * What a {@link TensorFormat} did to one tensor.
 *
 * @param elementBits  bits each element occupies when packed (e.g. 4 for {@code mxfp4}, the index width for a
 *                     codebook)
 * @param overheadBits bits of shared parameters: scales, zero points, shared block exponents, codebook entries
 * @param clipped      elements whose value was outside the representable range and saturated
 * @param scaleMin     smallest scale (block exponent as a power of two, or codebook spacing) used, {@code NaN}
 *                     for scale-free formats such as {@code fp16}
 * @param scaleMax     largest scale used, {@code NaN} for scale-free formats
 * @param intParams    the integer grid's scales and zero points when the format is {@code int} (needed for
 *                     integer-only inference), else {@code null}
 */
public record QuantizationReport(int elementBits, long overheadBits, long clipped, float scaleMin, float scaleMax,
                                 QParams intParams) {
}
