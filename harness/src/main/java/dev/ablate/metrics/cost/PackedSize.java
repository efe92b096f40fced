package dev.ablate.metrics.cost;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Exact packed size of compressed weights, counted as Deep Compression (Han et al., ICLR 2016) stores them.
 *
 * <p><b>Encodings.</b> {@link #pack} stores a tensor in the cheapest of
 * <ul>
 *   <li>{@code dense}: every element, {@code elements × elementBits} bits, no index;</li>
 *   <li>{@code bitmask}: one mask bit per element, then the nonzeros: {@code elements + nonzero × elementBits};</li>
 *   <li>{@code relative-index} (Deep Compression §3, Fig. 2): the nonzeros of the flattened tensor in order,
 *       each with a k-bit difference to the position of the previous stored entry (the first entry's from
 *       position −1). A difference d in [1, 2^k] is stored as d − 1; a larger gap first inserts filler zeros,
 *       each advancing 2^k positions, {@code ceil(d / 2^k) − 1} of them. Every stored entry, nonzero or filler,
 *       costs {@code elementBits + k}; zeros after the last nonzero are not stored. One stream per tensor,
 *       no row pointers. Every k in 1..{@value #MAX_RELATIVE_INDEX_BITS} is tried and the cheapest kept, the
 *       smallest k on a tie.</li>
 * </ul>
 * The tensor's {@code overheadBits} are added whatever the encoding. On a tie dense wins over bitmask, and
 * bitmask over relative-index. An all-zero tensor with at least one element therefore packs as relative-index
 * with no entries, 0 value and index bits and k = 1: its shape alone says it is all zero. A tensor with no
 * elements packs as dense with 0 bits.
 *
 * <p><b>Entropy coding</b> ({@link PackedLayer#codedBits}, Deep Compression §4). Each encoding also has a
 * Huffman-coded variant:
 * <ul>
 *   <li>dense: the symbols of all elements, Huffman coded;</li>
 *   <li>bitmask: the raw mask bits, plus the symbols of the nonzeros, Huffman coded;</li>
 *   <li>relative-index: the symbols of the stored entries (a filler has the symbol of the first element whose
 *       value is zero; a filler exists only where a gap of zeros does), Huffman coded, plus the stream of
 *       stored differences (fillers store 2^k − 1), Huffman coded; the smallest over k in
 *       1..{@value #MAX_RELATIVE_INDEX_BITS}, which may differ from the k of the uncoded encoding.</li>
 * </ul>
 * A symbol is the element's code from {@link WeightTensor#symbols}, or its float bit pattern. Each Huffman
 * coded stream also pays for its canonical code table: per distinct symbol, its symbol width
 * ({@code elementBits} for values, k for differences) plus {@value #CODE_LENGTH_BITS} bits for its code length.
 * Each variant adds {@code overheadBits}. {@code codedBits} is the smallest of the three variants and the
 * uncoded total of the chosen encoding, so coding never makes a tensor bigger.
 */
public final class PackedSize {

    /** Widest relative index tried (Deep Compression used 8 bits for conv and 5 for fc layers). */
    public static final int MAX_RELATIVE_INDEX_BITS = 16;

    /** Bits to store one code length in a canonical Huffman table. */
    public static final int CODE_LENGTH_BITS = 8;

    private PackedSize() {
    }

    /**
     * The packed size of one weight tensor in its cheapest encoding.
     *
     * @param w the tensor
     * @return its sizes, bit-exact
     */
    public static PackedLayer pack(WeightTensor w) {
        Objects.requireNonNull(w, "w");
        float[] values = w.values();
        long elements = values.length;
        int elementBits = w.elementBits();
        int[] gaps = gaps(values);
        long nonzero = gaps.length;

        int bestK = 1;
        long bestRelative = Long.MAX_VALUE;
        for (int k = 1; k <= MAX_RELATIVE_INDEX_BITS; k++) {
            long bits = (nonzero + fillers(gaps, k)) * (elementBits + k);
            if (bits < bestRelative) {
                bestRelative = bits;
                bestK = k;
            }
        }
        long dense = elements * elementBits;
        long bitmask = elements + nonzero * elementBits;

        String encoding;
        int k = 0;
        long valueBits;
        long indexBits;
        if (dense <= bitmask && dense <= bestRelative) {
            encoding = PackedLayer.DENSE;
            valueBits = dense;
            indexBits = 0;
        } else if (bitmask <= bestRelative) {
            encoding = PackedLayer.BITMASK;
            valueBits = nonzero * elementBits;
            indexBits = elements;
        } else {
            encoding = PackedLayer.RELATIVE_INDEX;
            k = bestK;
            long entries = nonzero + fillers(gaps, k);
            valueBits = entries * elementBits;
            indexBits = entries * k;
        }
        long overhead = w.overheadBits();
        long coded = Math.min(valueBits + indexBits, codedPayload(w, gaps)) + overhead;
        return new PackedLayer(w.layer(), elements, nonzero, elementBits, encoding, k, valueBits, indexBits,
                overhead, coded);
    }

    /**
     * The packed size of a model: each weight tensor packed with {@link #pack}, the other parameters in fp32.
     *
     * @param weights           the weight tensors
     * @param otherFp32Elements parameters left unquantized (biases, BatchNorm parameters), 32 bits each
     * @return the per-layer and total sizes
     * @throws IllegalArgumentException if {@code otherFp32Elements} is negative
     */
    public static ModelPacking model(List<WeightTensor> weights, long otherFp32Elements) {
        Objects.requireNonNull(weights, "weights");
        if (otherFp32Elements < 0) {
            throw new IllegalArgumentException("otherFp32Elements must be >= 0, got " + otherFp32Elements);
        }
        List<PackedLayer> layers = weights.stream().map(PackedSize::pack).toList();
        long otherBits = Math.multiplyExact((long) Float.SIZE, otherFp32Elements);
        long bits = otherBits;
        long codedBits = otherBits;
        long elements = otherFp32Elements;
        for (PackedLayer layer : layers) {
            bits = Math.addExact(bits, layer.totalBits());
            codedBits = Math.addExact(codedBits, layer.codedBits());
            elements = Math.addExact(elements, layer.elements());
        }
        return new ModelPacking(layers, otherBits, bytes(bits), bytes(codedBits),
                Math.multiplyExact((long) Float.BYTES, elements));
    }

    private static long bytes(long bits) {
        return bits / Byte.SIZE + (bits % Byte.SIZE == 0 ? 0 : 1);
    }

    /** The distance of each nonzero to the previous one, the first's from position −1. */
    private static int[] gaps(float[] values) {
        int nonzero = 0;
        for (float v : values) {
            if (v != 0f) {
                nonzero++;
            }
        }
        int[] gaps = new int[nonzero];
        int previous = -1;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f) {
                gaps[n++] = i - previous;
                previous = i;
            }
        }
        return gaps;
    }

    /** Filler zeros a k-bit relative index needs: {@code ceil(d / 2^k) − 1 = (d − 1) >> k} per gap d. */
    private static long fillers(int[] gaps, int k) {
        long fillers = 0;
        for (int d : gaps) {
            fillers += (d - 1) >>> k;
        }
        return fillers;
    }

    /** The smallest Huffman-coded value and index bits over the three encodings, without the overhead. */
    private static long codedPayload(WeightTensor w, int[] gaps) {
        int elementBits = w.elementBits();
        float[] values = w.values();
        int[] all = new int[values.length];
        int[] nonzero = new int[gaps.length];
        int zeroAt = -1;
        for (int i = 0, j = 0; i < values.length; i++) {
            all[i] = w.symbol(i);
            if (values[i] != 0f) {
                nonzero[j++] = all[i];
            } else if (zeroAt < 0) {
                zeroAt = i;
            }
        }
        Histogram nonzeroValues = Histogram.of(nonzero);
        long best = Math.min(Histogram.of(all).codedBits(elementBits),
                values.length + nonzeroValues.codedBits(elementBits));
        for (int k = 1; k <= MAX_RELATIVE_INDEX_BITS; k++) {
            long fillers = fillers(gaps, k);
            Histogram storedValues = nonzeroValues;
            if (fillers > 0) {
                if (zeroAt < 0) {
                    throw new IllegalStateException(w.layer() + ": " + fillers + " fillers but no zero element");
                }
                storedValues = nonzeroValues.plus(w.symbol(zeroAt), fillers);
            }
            int mask = (1 << k) - 1;
            long[] differences = new long[mask + 1];
            differences[mask] = fillers;
            for (int d : gaps) {
                differences[(d - 1) & mask]++;
            }
            best = Math.min(best, storedValues.codedBits(elementBits) + codedBits(differences, k));
        }
        return best;
    }

    /** Huffman-coded bits of a stream plus its canonical code table. */
    private static long codedBits(long[] counts, int symbolBits) {
        long distinct = Arrays.stream(counts).filter(c -> c > 0).count();
        return Huffman.codedBits(counts) + distinct * (symbolBits + CODE_LENGTH_BITS);
    }

    /** Occurrences of each distinct symbol of a stream; {@code symbols} ascending, no zero counts. */
    private record Histogram(int[] symbols, long[] counts) {

        /** Counts {@code stream}, sorting it in place. */
        static Histogram of(int[] stream) {
            Arrays.sort(stream);
            int[] symbols = new int[stream.length];
            long[] counts = new long[stream.length];
            int distinct = 0;
            for (int i = 0; i < stream.length; i++) {
                if (i == 0 || stream[i] != stream[i - 1]) {
                    symbols[distinct++] = stream[i];
                }
                counts[distinct - 1]++;
            }
            return new Histogram(Arrays.copyOf(symbols, distinct), Arrays.copyOf(counts, distinct));
        }

        /** This histogram with {@code extra} more occurrences of {@code symbol}. */
        Histogram plus(int symbol, long extra) {
            int at = Arrays.binarySearch(symbols, symbol);
            if (at >= 0) {
                long[] more = counts.clone();
                more[at] += extra;
                return new Histogram(symbols, more);
            }
            int insert = -at - 1;
            int[] moreSymbols = new int[symbols.length + 1];
            long[] moreCounts = new long[counts.length + 1];
            System.arraycopy(symbols, 0, moreSymbols, 0, insert);
            System.arraycopy(counts, 0, moreCounts, 0, insert);
            moreSymbols[insert] = symbol;
            moreCounts[insert] = extra;
            System.arraycopy(symbols, insert, moreSymbols, insert + 1, symbols.length - insert);
            System.arraycopy(counts, insert, moreCounts, insert + 1, counts.length - insert);
            return new Histogram(moreSymbols, moreCounts);
        }

        long codedBits(int symbolBits) {
            return PackedSize.codedBits(counts, symbolBits);
        }
    }
}
