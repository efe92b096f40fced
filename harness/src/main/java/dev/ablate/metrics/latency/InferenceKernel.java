package dev.ablate.metrics.latency;

import dev.ablate.compress.quant.integer.IntegerNetwork;
import dev.ablate.nn.Blas;
import dev.ablate.nn.Network;

/**
 * One way to run a model's inference, named for the results table: what {@link LatencyMeter} times. A kernel is
 * not thread-safe (it reuses its buffers); give each thread its own.
 */
public interface InferenceKernel {

    /** Name of the integer-only int8 kernel ({@link #int8}). */
    String INT8 = "int8-integer";

    /** Name of the sparse fp32 kernel ({@link #sparse}). */
    String CSR = "fp32-csr";

    /** What runs, e.g. {@code fp32-dense/VectorBLAS}, {@code int8-integer}, {@code fp32-csr}. */
    String name();

    /** Features per input example. */
    int inputSize();

    /**
     * Logits of {@code n} examples.
     *
     * @param x {@code n * inputSize()} features, row-major
     * @return {@code n} rows of logits
     * @throws IllegalArgumentException if {@code x} is shorter than {@code n * inputSize()}
     */
    float[] logits(float[] x, int n);

    /**
     * fp32 {@link Network#logits} (dense GEMM) on a copy of {@code net}, so the kernel shares no buffers with it;
     * named {@code fp32-dense/} plus {@link Blas#implementationName()}, since the BLAS decides the speed.
     */
    static InferenceKernel dense(Network net) {
        return of("fp32-dense/" + Blas.implementationName(), net.copy()::logits, net.inputSize());
    }

    /**
     * Integer-only {@link IntegerNetwork#logits} on {@code net} itself (it has no copy), named {@code int8-integer}:
     * the caller must not run {@code net} elsewhere at the same time.
     */
    static InferenceKernel int8(IntegerNetwork net) {
        return of(INT8, net::logits, net.inputSize());
    }

    /** {@link SparseNetwork} logits from a CSR snapshot of {@code net}, named {@code fp32-csr}. */
    static InferenceKernel sparse(Network net) {
        SparseNetwork sparse = new SparseNetwork(net);
        return of(CSR, sparse::logits, sparse.inputSize());
    }

    /** A kernel from its parts (the factories above, and test doubles). */
    static InferenceKernel of(String name, Logits logits, int inputSize) {
        return new NamedKernel(name, inputSize, logits);
    }

    /** The computation of a kernel: {@code n} examples' features in, their logits out. */
    @FunctionalInterface
    interface Logits {
        /** See {@link InferenceKernel#logits}. */
        float[] apply(float[] x, int n);
    }
}
