/**
 * Performance benchmarks behind {@code ./ablate bench}: fp32 GEMM throughput of the BLAS the engine uses next to
 * every other {@code dev.ludovic.netlib} implementation on the machine, and single-threaded training throughput of
 * the model zoo next to PyTorch's CPU training of the same models ({@code bench/pytorch_train.py}).
 *
 * <p>Every number is reported against a baseline measured in the same run (the best GEMM implementation, the PyTorch
 * reference), because absolute numbers on shared machines drift from run to run while ratios measured side by side
 * mostly do not. Each measurement is warmed up, repeated, and summarised by its median with min and max
 * ({@link dev.ablate.bench.Repetitions}); GEMM repetitions of the implementations are interleaved so drift hits all of
 * them alike. Nothing here asserts on speed: the tests check structure only.
 *
 * <p>Depends on {@code nn}, {@code models}, {@code data} and {@code spec}; {@code cli.BenchCommand} is its front end.
 */
package dev.ablate.bench;
