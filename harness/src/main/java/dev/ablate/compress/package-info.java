/**
 * Model compression: quantization ({@code quant}), pruning ({@code prune}) and knowledge distillation
 * ({@code distill}), in the vocabulary of torch.ao / AIMET / Brevitas. Knows nothing of Spark; depends on
 * {@code models}, {@code nn}, {@code data}, {@code spec}, and on Tribuo for tree-ensemble teachers.
 */
package dev.ablate.compress;
