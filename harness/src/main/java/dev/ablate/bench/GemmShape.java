package dev.ablate.bench;

import java.util.List;
import java.util.Objects;

/**
 * One column-major {@code sgemm} problem: {@code C[m, n] = op(A) op(B)} with {@code op(A)} of {@code [m, k]} and
 * {@code op(B)} of {@code [k, n]}, transposes as BLAS spells them ({@code "N"} or {@code "T"}).
 *
 * @param label  what the product is, e.g. {@code fc1.forward}
 * @param transA {@code "N"} or {@code "T"}
 * @param transB {@code "N"} or {@code "T"}
 * @param m      rows of {@code C}
 * @param n      columns of {@code C}
 * @param k      the inner dimension
 */
public record GemmShape(String label, String transA, String transB, int m, int n, int k) {

    /**
     * @throws IllegalArgumentException if a transpose flag is not N or T, or a dimension is below 1
     */
    public GemmShape {
        Objects.requireNonNull(label, "label");
        if (!List.of("N", "T").contains(transA) || !List.of("N", "T").contains(transB)) {
            throw new IllegalArgumentException(label + ": transA=" + transA + " and transB=" + transB + " must be N or T");
        }
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException(label + ": m=" + m + ", n=" + n + ", k=" + k + " must be at least 1");
        }
    }

    /**
     * The three products {@link dev.ablate.nn.Linear} runs for a layer of {@code in -> out} at batch {@code batch},
     * with the transposes it passes: forward {@code Y^T = W X^T}, weight gradient {@code dW^T = X^T dY} and input
     * gradient {@code dX^T = W^T dY^T}.
     */
    public static List<GemmShape> linear(String layer, int batch, int in, int out) {
        return List.of(
                new GemmShape(layer + ".forward", "T", "N", out, batch, in),
                new GemmShape(layer + ".weight_grad", "N", "T", in, out, batch),
                new GemmShape(layer + ".input_grad", "N", "N", in, batch, out));
    }

    /** A square {@code NN} product of size {@code size}, the usual peak-throughput probe. */
    public static GemmShape square(int size) {
        return new GemmShape("square" + size, "N", "N", size, size, size);
    }

    /** Floating-point operations of one product: {@code 2 m n k}. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** Elements of the stored {@code A}: {@code m x k} or its transpose. */
    int aSize() {
        return m * k;
    }

    /** Elements of the stored {@code B}. */
    int bSize() {
        return k * n;
    }

    /** Leading dimension of the stored {@code A}. */
    int lda() {
        return transA.equals("N") ? m : k;
    }

    /** Leading dimension of the stored {@code B}. */
    int ldb() {
        return transB.equals("N") ? k : n;
    }

    /** Transposes and sizes for tables, e.g. {@code TN m=300 n=64 k=784}. */
    public String dimensions() {
        return transA + transB + " m=" + m + " n=" + n + " k=" + k;
    }
}
