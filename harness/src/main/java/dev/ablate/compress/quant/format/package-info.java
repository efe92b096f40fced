/**
 * Number formats for weight quantization, each a {@link dev.ablate.compress.quant.TensorFormat}: the uniform
 * integer grid ({@link dev.ablate.compress.quant.format.IntFormat}), minifloats fp16/bf16/fp8/fp4
 * ({@link dev.ablate.compress.quant.format.FloatFormat}) applied raw
 * ({@link dev.ablate.compress.quant.format.FloatTensorFormat}) or, for fp8/fp4, with float32 scales per tensor,
 * channel or group as torchao's float8 recipes do ({@link dev.ablate.compress.quant.format.ScaledFloatFormat},
 * arithmetic in {@link dev.ablate.compress.quant.format.FloatScaling}), OCP Microscaling block formats
 * ({@link dev.ablate.compress.quant.format.MxFormat}), NVIDIA's two-level NVFP4
 * ({@link dev.ablate.compress.quant.format.NvFp4Format}), XNOR-Net binary and TWN ternary weights
 * ({@link dev.ablate.compress.quant.format.BinaryFormat}, {@link dev.ablate.compress.quant.format.TernaryFormat})
 * and Deep Compression's k-means codebook ({@link dev.ablate.compress.quant.format.CodebookFormat}).
 * {@link dev.ablate.compress.quant.format.TensorFormats} builds one from a
 * {@link dev.ablate.compress.quant.format.FormatSpec} and says which options each accepts. Two's-complement
 * fixed point ({@link dev.ablate.compress.quant.format.FixedPointFormat}) is a scalar format like the minifloats,
 * used by low-precision training ({@link dev.ablate.compress.precision}).
 *
 * <p>Minifloat rounding follows the shared reference algorithm (reference README §5) and is checked bit for bit
 * against its vectors.
 */
package dev.ablate.compress.quant.format;
