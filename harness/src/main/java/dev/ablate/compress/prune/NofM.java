package dev.ablate.compress.prune;

import dev.ablate.nn.Network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * N:M semi-structured sparsity (e.g. 2:4, NVIDIA Ampere's sparse tensor cores; Mishra et al. 2021): every row
 * of a weight viewed as {@code [out, in·kh·kw]} is cut into groups of M consecutive weights along the input
 * dimension, and each group keeps its N highest-scoring weights (ties: the higher index is kept, as the lower
 * is pruned first everywhere). A last group shorter than M is treated as padded with zeros to M, as sparse
 * kernels pad it, so it keeps {@code min(N, length)} weights. The pattern fixes the density at N/M per group:
 * {@code sparsity}, per-layer amounts and the scope are not used, and every schedule applies the full pattern
 * at each pruning point.
 *
 * @param n weights kept per group, at least 1
 * @param m group length, greater than n
 */
public record NofM(int n, int m) implements Structure {

    public NofM {
        if (n < 1 || m <= n) {
            throw new IllegalArgumentException("prune.structure: N:M needs 1 <= N < M, got " + n + ":" + m);
        }
    }

    /**
     * Parses {@code "N:M"}.
     *
     * @throws IllegalArgumentException if the text is not two integers around a colon or N:M is invalid
     */
    public static NofM parse(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                return new NofM(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below with the valid forms
        }
        throw new IllegalArgumentException("prune.structure: unknown structure '" + text
                + "' (valid: unstructured, N:M such as 2:4, neuron, channel)");
    }

    @Override
    public List<float[]> masks(Network net, List<ScoredWeight> weights, SparsityTarget target, Scope scope, int norm) {
        List<float[]> masks = new ArrayList<>(weights.size());
        for (ScoredWeight w : weights) {
            float[] s = w.scores();
            float[] mask = new float[s.length];
            Arrays.fill(mask, 1f);
            int rowLength = s.length / w.weight().shape()[0];
            for (int row = 0; row < s.length; row += rowLength) {
                for (int g = row; g < row + rowLength; g += m) {
                    int len = Math.min(m, row + rowLength - g);
                    pruneLowest(s, g, len, len - Math.min(n, len), mask);
                }
            }
            masks.add(mask);
        }
        return masks;
    }

    /** Zeroes the mask of the {@code k} lowest scores in {@code [from, from + len)}, ties to the lower index. */
    private static void pruneLowest(float[] s, int from, int len, int k, float[] mask) {
        for (int j = 0; j < k; j++) {
            int lowest = -1;
            for (int i = from; i < from + len; i++) {
                if (mask[i] == 1f && (lowest < 0 || s[i] < s[lowest])) {
                    lowest = i;
                }
            }
            mask[lowest] = 0f;
        }
    }
}
