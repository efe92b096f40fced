/**
 * Model compression: quantization ({@code quant}) and pruning ({@code prune}), in the vocabulary of torch.ao /
 * AIMET / Brevitas. Knows nothing of Spark; depends on {@code models}, {@code nn}, {@code data}, {@code spec}.
 */
package dev.ablate.compress;
