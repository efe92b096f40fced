package dev.ablate.bench;

import java.util.Objects;

/**
 * GFLOPS of one BLAS implementation at one GEMM shape.
 *
 * @param shape          the product
 * @param implementation the implementation's class name, e.g. {@code JNIBLAS}
 * @param engine         whether it is the implementation the engine trains with
 * @param gflops         GFLOPS ({@code 2mnk / 1e9} per second) of each timed repetition
 * @param fractionOfBest this median over the best implementation's median at the same shape, in (0, 1]
 */
public record GemmResult(GemmShape shape, String implementation, boolean engine, Repetitions gflops,
                         double fractionOfBest) {

    /**
     * @throws IllegalArgumentException if {@code fractionOfBest} is not in (0, 1]
     */
    public GemmResult {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(gflops, "gflops");
        if (!(fractionOfBest > 0 && fractionOfBest <= 1)) {
            throw new IllegalArgumentException(implementation + " at " + shape.label() + ": fractionOfBest "
                    + fractionOfBest + " is not in (0, 1]");
        }
    }
}
