/**
 * Measured inference latency and throughput of a trial's model on this JVM: the ways to run it
 * ({@link dev.ablate.metrics.latency.InferenceKernel}: fp32 dense GEMM, integer-only int8, fp32 CSR for pruned
 * weights via {@link dev.ablate.metrics.latency.SparseNetwork}), the timer
 * ({@link dev.ablate.metrics.latency.LatencyMeter}: warm-up, repetitions of whole calls, median) and the per-trial
 * profile ({@link dev.ablate.metrics.latency.LatencyProfile}). Every measurement is single-threaded; the caller runs
 * one trial per core. Nothing here prints.
 *
 * <p>{@link dev.ablate.metrics.latency.SparseCrossover} measures where CSR starts to beat dense GEMM, the basis of
 * {@link dev.ablate.metrics.latency.LatencyProfile#DEFAULT_SPARSITY_THRESHOLD}.
 *
 * <p>Depends on {@code nn}, {@code models}, {@code compress} and {@code spec}.
 */
package dev.ablate.metrics.latency;
