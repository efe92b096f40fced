package dev.ablate.compress.prune;

import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-shot unstructured magnitude pruning, as {@code torch.nn.utils.prune}'s {@code l1_unstructured}
 * (per tensor) and {@code global_unstructured(pruning_method=L1Unstructured)} (over all tensors at once).
 *
 * <p>The number pruned is {@code k = round(amount * size)} with round-half-to-even (Python's {@code round}):
 * the {@code k} weights with the smallest {@code |w|} get mask 0. PyTorch leaves ties to {@code topk}; here
 * ties are broken by the lower flat index (in the global case: index into the concatenation of the weights
 * in parameter order), which is deterministic and agrees with every reference vector (they have no ties).
 * Already-masked weights are 0 and therefore among the first pruned; a previous mask is combined with the
 * new one (a pruned weight never comes back). Biases are never pruned.
 */
public final class MagnitudePruner {

    private MagnitudePruner() {
    }

    /**
     * Global pruning: one threshold over all prunable weights of the network.
     *
     * @param sparsity fraction of prunable weights to prune, in [0, 1]
     * @return a pruned copy with masks set on every prunable weight; {@code net} is unchanged
     */
    public static Network pruneGlobal(Network net, double sparsity) {
        Network copy = net.copy();
        List<Parameter> weights = prunable(copy);
        List<float[]> masks = globalUnstructuredMasks(weights.stream().map(Parameter::data).toList(), sparsity);
        apply(weights, masks);
        return copy;
    }

    /**
     * Layer-wise pruning: each prunable weight loses the same fraction of its own entries.
     *
     * @param sparsity fraction of each weight tensor to prune, in [0, 1]
     * @return a pruned copy with masks set; {@code net} is unchanged
     */
    public static Network pruneLayerwise(Network net, double sparsity) {
        Network copy = net.copy();
        List<Parameter> weights = prunable(copy);
        List<float[]> masks = new ArrayList<>();
        for (Parameter p : weights) {
            masks.add(l1UnstructuredMask(p.data(), sparsity));
        }
        apply(weights, masks);
        return copy;
    }

    /**
     * {@code l1_unstructured} on one tensor.
     *
     * @return a 0/1 mask with exactly {@link #pruneCount(double, long)} zeros
     */
    public static float[] l1UnstructuredMask(float[] weight, double amount) {
        return globalUnstructuredMasks(List.of(weight), amount).get(0);
    }

    /**
     * {@code global_unstructured(L1Unstructured)} over several tensors, concatenated in list order.
     *
     * @return one 0/1 mask per tensor; exactly {@code pruneCount(amount, total size)} zeros over all of them
     */
    public static List<float[]> globalUnstructuredMasks(List<float[]> weights, double amount) {
        long total = 0;
        for (float[] w : weights) {
            total += w.length;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many weights to prune at once: " + total);
        }
        int k = (int) pruneCount(amount, total);
        // sort key: |w| bits (order-preserving for non-negative floats) in the high word, flat index in the low
        long[] keys = new long[(int) total];
        int flat = 0;
        for (float[] w : weights) {
            for (float v : w) {
                keys[flat] = ((long) Float.floatToIntBits(Math.abs(v)) << 32) | flat;
                flat++;
            }
        }
        List<float[]> masks = new ArrayList<>(weights.size());
        int[] offsets = new int[weights.size() + 1];
        for (int t = 0; t < weights.size(); t++) {
            float[] m = new float[weights.get(t).length];
            Arrays.fill(m, 1f);
            masks.add(m);
            offsets[t + 1] = offsets[t] + m.length;
        }
        if (k == 0) {
            return masks;
        }
        Arrays.sort(keys);
        int t = 0;
        int[] pruned = new int[k];
        for (int i = 0; i < k; i++) {
            pruned[i] = (int) keys[i];
        }
        Arrays.sort(pruned);
        for (int idx : pruned) {
            while (idx >= offsets[t + 1]) {
                t++;
            }
            masks.get(t)[idx - offsets[t]] = 0f;
        }
        return masks;
    }

    /**
     * How many of {@code size} weights a fraction prunes: {@code round(amount * size)}, half to even.
     *
     * @throws IllegalArgumentException if {@code amount} is outside [0, 1]
     */
    public static long pruneCount(double amount, long size) {
        if (!(amount >= 0 && amount <= 1)) {
            throw new IllegalArgumentException("pruning amount must be in [0, 1], got " + amount);
        }
        return (long) Math.rint(amount * size);
    }

    private static List<Parameter> prunable(Network net) {
        return net.parameters().stream().filter(Parameter::prunable).toList();
    }

    private static void apply(List<Parameter> weights, List<float[]> masks) {
        for (int i = 0; i < weights.size(); i++) {
            Parameter p = weights.get(i);
            float[] m = masks.get(i);
            float[] old = p.mask();
            if (old != null) {
                for (int j = 0; j < m.length; j++) {
                    m[j] *= old[j];
                }
            }
            p.setMask(m);
        }
    }
}
