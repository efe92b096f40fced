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
        List<float[]> magnitudes = new ArrayList<>(weights.size());
        long total = 0;
        for (float[] w : weights) {
            float[] a = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                a[i] = Math.abs(w[i]);
            }
            magnitudes.add(a);
            total += w.length;
        }
        return ScoreRanking.masks(magnitudes, pruneCount(amount, total));
    }

    /**
     * {@code ln_structured(amount, n, dim=0)} on one tensor: the {@code round(amount * rows)} rows (output units
     * or channels) with the smallest L{@code n} norm get mask 0, ties to the lower row.
     *
     * @param weight row-major tensor whose first dimension has {@code rows} entries
     * @param norm   1 or 2
     * @return a 0/1 mask of the tensor's size, whole rows zero
     */
    public static float[] lnStructuredMask(float[] weight, int rows, double amount, int norm) {
        if (rows < 1 || weight.length % rows != 0) {
            throw new IllegalArgumentException(weight.length + " weights do not split into " + rows + " rows");
        }
        int rowLength = weight.length / rows;
        float[] rowNorms = UnitScores.of(weight, rows, norm);
        float[] rowMask = ScoreRanking.masks(List.of(rowNorms), pruneCount(amount, rows)).get(0);
        float[] mask = new float[weight.length];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(mask, r * rowLength, (r + 1) * rowLength, rowMask[r]);
        }
        return mask;
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
