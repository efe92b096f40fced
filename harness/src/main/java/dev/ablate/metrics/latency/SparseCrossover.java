package dev.ablate.metrics.latency;

import dev.ablate.compress.prune.MagnitudePruner;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Network;
import dev.ablate.spec.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Where CSR inference starts to beat dense GEMM: fp32-dense against fp32-csr on model-zoo networks pruned layer-wise
 * by magnitude to each sparsity (every Linear and Conv2d weight loses the same fraction), on MNIST-shaped random
 * inputs (speed does not depend on the values). The measurement behind
 * {@link LatencyProfile#DEFAULT_SPARSITY_THRESHOLD}, to be re-run on another machine or BLAS.
 */
public final class SparseCrossover {

    /** Architectures compared by default. */
    public static final List<String> ARCHITECTURES = List.of("lenet-300-100", "lenet-5");
    /** Weight sparsities compared by default. */
    public static final List<Double> SPARSITIES = List.of(0.5, 0.7, 0.8, 0.9, 0.95);
    /** Batch sizes compared by default: single-example latency and a throughput batch. */
    public static final List<Integer> BATCHES = List.of(1, 64);

    private static final int[] EXAMPLE_SHAPE = {1, 28, 28};
    private static final int CLASSES = 10;
    private static final int EXAMPLES = 512;

    private SparseCrossover() {
    }

    /**
     * Dense and CSR latency of one pruned network at one batch size.
     *
     * @param arch     model-zoo architecture
     * @param sparsity fraction of each weight tensor pruned
     * @param dense    the fp32-dense sample
     * @param csr      the fp32-csr sample, same batch size
     */
    public record Point(String arch, double sparsity, LatencySample dense, LatencySample csr) {

        /** Examples per call. */
        public int batch() {
            return dense.batch();
        }

        /** Dense median over CSR median: above 1 where CSR wins. */
        public double speedup() {
            return dense.medianMs() / csr.medianMs();
        }
    }

    /**
     * Times both kernels for every architecture, sparsity and batch size, alternating dense and CSR so drift hits
     * both alike. Networks are initialised from seed 0 and inputs drawn from seed 0, so only the times vary.
     *
     * @throws IllegalArgumentException for an unknown architecture, a sparsity outside [0, 1] or a batch below 1
     */
    public static List<Point> measure(List<String> architectures, List<Double> sparsities, List<Integer> batches,
                                      LatencyMeter meter) {
        float[] examples = new float[EXAMPLES * EXAMPLE_SHAPE[1] * EXAMPLE_SHAPE[2]];
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 0; i < examples.length; i++) {
            examples[i] = (float) rng.nextDouble();
        }
        List<Point> points = new ArrayList<>();
        for (String arch : architectures) {
            Network net = ModelZoo.build(new ModelConfig(arch, List.of(), "relu"), EXAMPLE_SHAPE, CLASSES, 0);
            for (double sparsity : sparsities) {
                Network pruned = MagnitudePruner.pruneLayerwise(net, sparsity);
                InferenceKernel dense = InferenceKernel.dense(pruned);
                InferenceKernel csr = InferenceKernel.sparse(pruned);
                for (int batch : batches) {
                    LatencySample d = meter.measure(dense, examples, EXAMPLES, batch);
                    points.add(new Point(arch, sparsity, d, meter.measure(csr, examples, EXAMPLES, batch)));
                }
            }
        }
        return List.copyOf(points);
    }

    /**
     * The crossover sparsity: the least sparsity measured from which CSR's median is below dense's at every point
     * of that sparsity and above; empty if CSR loses at the highest sparsity measured.
     */
    public static OptionalDouble crossover(List<Point> points) {
        OptionalDouble best = OptionalDouble.empty();
        List<Double> sparsities = points.stream().map(Point::sparsity).distinct().sorted().toList();
        for (int i = sparsities.size() - 1; i >= 0; i--) {
            double s = sparsities.get(i);
            if (points.stream().filter(p -> p.sparsity() == s).anyMatch(p -> p.speedup() <= 1)) {
                break;
            }
            best = OptionalDouble.of(s);
        }
        return best;
    }
}
