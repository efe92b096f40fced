package dev.ablate.metrics.cost;

import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Huffman code lengths and coded sizes from symbol frequencies, as Deep Compression (Han et al., ICLR 2016,
 * §4) uses to entropy-code quantized weights and sparse indices.
 *
 * <p>Symbols are the indices of the frequency array; a symbol of frequency 0 does not occur and gets length 0.
 * The code is built with a priority queue that always merges the two lightest nodes; ties break by node id,
 * leaves first in index order and merged nodes after them in creation order, so the lengths are the same on
 * every run. A stream with one distinct symbol still spends 1 bit per occurrence: a decoder must read
 * something to count the symbols, and no code word is shorter than one bit.
 */
public final class Huffman {

    private Huffman() {
    }

    /**
     * Code length in bits of each symbol of an optimal prefix code.
     *
     * @param frequencies occurrences of each symbol, all {@code >= 0}
     * @return one length per symbol: 0 for an absent symbol, 1 when only one symbol occurs
     * @throws IllegalArgumentException if a frequency is negative
     * @throws ArithmeticException if the frequencies add up past {@code Long.MAX_VALUE}
     */
    public static int[] codeLengths(long[] frequencies) {
        Objects.requireNonNull(frequencies, "frequencies");
        int n = frequencies.length;
        int[] lengths = new int[n];
        int present = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (frequencies[i] < 0) {
                throw new IllegalArgumentException("frequencies[" + i + "] must be >= 0, got " + frequencies[i]);
            }
            if (frequencies[i] > 0) {
                present++;
                last = i;
            }
        }
        if (present <= 1) {
            if (present == 1) {
                lengths[last] = 1;
            }
            return lengths;
        }
        // node ids: leaves 0..n-1, merged nodes n, n+1, ...; a parent's id is always above its children's
        long[] weight = new long[n + present - 1];
        int[] parent = new int[weight.length];
        PriorityQueue<Integer> queue = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(id -> weight[id]).thenComparingInt(id -> id));
        for (int i = 0; i < n; i++) {
            if (frequencies[i] > 0) {
                weight[i] = frequencies[i];
                queue.add(i);
            }
        }
        int next = n;
        while (queue.size() > 1) {
            int a = queue.poll();
            int b = queue.poll();
            weight[next] = Math.addExact(weight[a], weight[b]);
            parent[a] = next;
            parent[b] = next;
            queue.add(next++);
        }
        int root = next - 1;
        int[] depth = new int[weight.length];
        for (int id = root - 1; id >= 0; id--) {
            if (id >= n || frequencies[id] > 0) {
                depth[id] = depth[parent[id]] + 1;
            }
        }
        System.arraycopy(depth, 0, lengths, 0, n);
        return lengths;
    }

    /**
     * Bits of the coded stream, Σ frequency × code length, without the code table.
     *
     * @param frequencies occurrences of each symbol, all {@code >= 0}
     * @return the coded size in bits; 0 for an empty stream
     * @throws IllegalArgumentException if a frequency is negative
     */
    public static long codedBits(long[] frequencies) {
        int[] lengths = codeLengths(frequencies);
        long bits = 0;
        for (int i = 0; i < lengths.length; i++) {
            bits = Math.addExact(bits, Math.multiplyExact(frequencies[i], lengths[i]));
        }
        return bits;
    }
}
