package dev.ablate.metrics.latency;

import dev.ablate.compress.quant.integer.IntegerNetwork;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency a trial reports: every applicable {@link InferenceKernel} of its model timed at every requested batch
 * size by one {@link LatencyMeter}, single-threaded on the calling thread (run one trial per core).
 */
public final class LatencyProfile {

    /**
     * Weight sparsity from which the CSR kernel is timed as well: where CSR starts to beat dense GEMM at batch 1 (the
     * {@code latency_ms_b1} column). Measured with {@link SparseCrossover} (defaults, layer-wise magnitude pruning,
     * OpenBLAS 0.3.21 through JNIBLAS, JDK 17, a shared 2-core machine, two runs): the dense/CSR median ratio at
     * batch 1 was 0.30-0.20, 0.50-0.54, 1.35-0.97, 1.37-1.17, 2.31-2.52 for lenet-5 at sparsity 0.5, 0.7, 0.8, 0.9,
     * 0.95, and above 1 from 0.7 for lenet-300-100, so 0.9 is the least sparsity at which CSR won on both in both
     * runs. At batch 64 lenet-300-100 crosses by 0.7-0.8 but lenet-5 only at 0.95 (0.68-0.73 at 0.9): its direct
     * CSR convolution works example by example, while im2col GEMM amortises over the batch.
     */
    public static final double DEFAULT_SPARSITY_THRESHOLD = 0.9;

    private LatencyProfile() {
    }

    /**
     * Times fp32 dense inference always, integer-only int8 inference when {@code int8OrNull} is given, and fp32 CSR
     * inference when {@link #weightSparsity(Network)} of {@code fp32} is at least {@code sparsityThreshold}.
     *
     * @param fp32              the float network (not modified; each kernel works on its own copy)
     * @param int8OrNull        its integer-only conversion, or {@code null}
     * @param sparsityThreshold in [0, 1]; 0 always times CSR, 1 only an all-zero network
     * @param batches           batch sizes, at least one, each at least 1
     * @param examples          {@code exampleCount} examples of {@code fp32.inputSize()} features
     * @param exampleCount      examples to cycle through, at least 1
     * @return per batch size in the given order: dense, then int8, then CSR as applicable
     * @throws IllegalArgumentException if {@code batches} is empty, a batch size or count is below 1, the threshold
     *                                  is outside [0, 1], {@code examples} is too short, or the int8 network takes a
     *                                  different input size
     */
    public static List<LatencySample> measure(Network fp32, IntegerNetwork int8OrNull, double sparsityThreshold,
                                              List<Integer> batches, float[] examples, int exampleCount,
                                              LatencyMeter meter) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("batches: at least one batch size is needed");
        }
        for (int b : batches) {
            if (b < 1) {
                throw new IllegalArgumentException("batches: batch size " + b + " must be at least 1, in " + batches);
            }
        }
        if (!(sparsityThreshold >= 0 && sparsityThreshold <= 1)) {
            throw new IllegalArgumentException("sparsityThreshold=" + sparsityThreshold + " must be in [0, 1]");
        }
        if (int8OrNull != null && int8OrNull.inputSize() != fp32.inputSize()) {
            throw new IllegalArgumentException("the int8 network takes " + int8OrNull.inputSize()
                    + " features but the fp32 network takes " + fp32.inputSize());
        }
        List<InferenceKernel> kernels = new ArrayList<>();
        kernels.add(InferenceKernel.dense(fp32));
        if (int8OrNull != null) {
            kernels.add(InferenceKernel.int8(int8OrNull));
        }
        if (weightSparsity(fp32) >= sparsityThreshold) {
            kernels.add(InferenceKernel.sparse(fp32));
        }
        // every kernel warms up at every batch size before any is timed: on a busy machine, compiling a kernel
        // (the int8 one with the Vector API) can outlast its own warm-up, and would then be timed half-compiled
        for (int batch : batches) {
            for (InferenceKernel k : kernels) {
                meter.warmUp(k, examples, exampleCount, batch);
            }
        }
        List<LatencySample> samples = new ArrayList<>();
        for (int batch : batches) {
            for (InferenceKernel k : kernels) {
                samples.add(meter.measure(k, examples, exampleCount, batch));
            }
        }
        return List.copyOf(samples);
    }

    /**
     * Fraction of the {@link Linear} and {@link Conv2d} weights (not biases, not other layers' parameters) that are
     * exactly zero: what a CSR kernel skips. 0 for a network without such layers.
     */
    public static double weightSparsity(Network net) {
        long total = 0;
        long nonzero = 0;
        for (Layer l : net.layers()) {
            Parameter w = l instanceof Linear linear ? linear.weight()
                    : l instanceof Conv2d conv ? conv.weight() : null;
            if (w != null) {
                total += w.size();
                nonzero += w.nonzeroCount();
            }
        }
        return total == 0 ? 0 : (double) (total - nonzero) / total;
    }
}
