package dev.ablate.metrics.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Packed sizes against hand-counted layouts and Deep Compression's accounting. */
class PackedSizeTest {

    /** A tensor of {@code length} elements, value 1 at {@code positions}, zero elsewhere. */
    private static float[] ones(int length, int... positions) {
        float[] values = new float[length];
        for (int p : positions) {
            values[p] = 1f;
        }
        return values;
    }

    /** Positions of nonzeros whose distances to the previous one (the first's from −1) are {@code gaps}. */
    private static int[] positions(int[] gaps) {
        int[] positions = new int[gaps.length];
        int p = -1;
        for (int i = 0; i < gaps.length; i++) {
            p += gaps[i];
            positions[i] = p;
        }
        return positions;
    }

    /** Bits of a k-bit relative index in closed form: a gap d stores ceil(d / 2^k) entries. */
    private static long relativeIndexBits(int[] gaps, int elementBits, int k) {
        long span = 1L << k;
        long entries = 0;
        for (int d : gaps) {
            entries += (d + span - 1) / span; // the nonzero and ceil(d / 2^k) − 1 fillers
        }
        return entries * (elementBits + k);
    }

    /** The k in 1..16 with the fewest relative-index bits, the smallest on a tie. */
    private static int bruteForceK(int[] gaps, int elementBits) {
        int best = 1;
        for (int k = 2; k <= 16; k++) {
            if (relativeIndexBits(gaps, elementBits, k) < relativeIndexBits(gaps, elementBits, best)) {
                best = k;
            }
        }
        return best;
    }

    @Test
    void figureTwoStyleRelativeIndexCountsFillersByHand() {
        // Deep Compression Fig. 2 with a 3-bit index (span 8). Nonzeros at 1, then every 8th from 9 to 161,
        // then 170 and 187; 190 elements, 4-bit values.
        //   gap 2 (first, from -1): stored 1, no filler
        //   gap 8 (x20):             stored 7, no filler (8 = 2^3 still fits)
        //   gap 9:                   one filler (+8), then stored 0
        //   gap 17:                  two fillers (+16), then stored 0
        // 23 nonzeros + 3 fillers = 26 entries of 4 + 3 bits = 182 bits.
        // Other k: k=2 (20+2+4 fillers) 49 x 6 = 294, k=4 (1 filler) 24 x 8 = 192, k=5 23 x 9 = 207;
        // dense 190 x 4 = 760, bitmask 190 + 23 x 4 = 282.
        int[] positions = IntStream.concat(IntStream.concat(IntStream.of(1), IntStream.iterate(9, p -> p <= 161,
                p -> p + 8)), IntStream.of(170, 187)).toArray();
        PackedLayer packed = PackedSize.pack(new WeightTensor("fc.weight", ones(190, positions), 4, 0, null));
        assertEquals(PackedLayer.RELATIVE_INDEX, packed.encoding());
        assertEquals(3, packed.relativeIndexBits());
        assertEquals(190, packed.elements());
        assertEquals(23, packed.nonzero());
        assertEquals(26 * 4, packed.valueBits());
        assertEquals(26 * 3, packed.sparseIndexBits());
        assertEquals(182, packed.totalBits());
    }

    @Test
    void lenetFc1WithUniformGapsTakesAFourBitIndex() {
        // LeNet-300-100 fc1 [300, 784] at Deep Compression's 8% density: gaps alternate 12 and 13
        // (mean 12.5), 18816 nonzeros, the last at 235199; 6-bit codebook values (64 fp32 centroids).
        int pairs = 784 * 300 / 25;
        int[] gaps = new int[2 * pairs];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = i % 2 == 0 ? 12 : 13;
        }
        WeightTensor fc1 = codebookTensor(gaps);
        // A uniform gap <= 16 needs no filler at k = 4, so 4 bits beat Deep Compression's 5 for fc layers.
        int k = bruteForceK(gaps, 6);
        assertEquals(4, k);
        assertEquals(18816L * (6 + 4), relativeIndexBits(gaps, 6, 4));
        assertEquals(18816L * (6 + 5), relativeIndexBits(gaps, 6, 5));
        PackedLayer packed = PackedSize.pack(fc1);
        assertEquals(PackedLayer.RELATIVE_INDEX, packed.encoding());
        assertEquals(k, packed.relativeIndexBits());
        assertEquals(18816, packed.nonzero());
        assertEquals(18816L * 6, packed.valueBits());
        assertEquals(18816L * 4, packed.sparseIndexBits());
        assertEquals(18816L * 10 + 64 * 32, packed.totalBits());

        // with the 300 fp32 biases: (188160 + 2048 + 9600) bits = 24976 bytes, vs (235200 + 300) x 4 fp32 bytes
        ModelPacking model = PackedSize.model(List.of(fc1), 300);
        assertEquals(24976, model.bytes());
        assertEquals(942000, model.fp32Bytes());
        assertEquals(942000.0 / 24976, model.compressionRatio(), 1e-12);
    }

    @Test
    void lenetFc1WithPairedNonzerosTakesDeepCompressionsFiveBitIndex() {
        // the same 8% density as adjacent pairs every 25 elements: gaps alternate 24 and 1
        int[] gaps = new int[2 * (784 * 300 / 25)];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = i % 2 == 0 ? 24 : 1;
        }
        int k = bruteForceK(gaps, 6);
        assertEquals(5, k);
        // no fillers at k = 5: nonzero x (6 + 5); at k = 4 each 24-gap needs one filler
        assertEquals(18816L * 11, relativeIndexBits(gaps, 6, 5));
        assertEquals((18816L + 9408) * 10, relativeIndexBits(gaps, 6, 4));
        PackedLayer packed = PackedSize.pack(codebookTensor(gaps));
        assertEquals(PackedLayer.RELATIVE_INDEX, packed.encoding());
        assertEquals(5, packed.relativeIndexBits());
        assertEquals(18816L * 11 + 64 * 32, packed.totalBits());
        assertEquals(36.0, 784 * 300 * 32.0 / packed.totalBits(), 0.01);
    }

    /** A [300, 784] tensor with nonzeros at the given gaps, codes 1..63 of a 6-bit codebook. */
    private static WeightTensor codebookTensor(int[] gaps) {
        float[] values = new float[784 * 300];
        int[] codes = new int[values.length];
        int[] positions = positions(gaps);
        assertEquals(values.length - 1, positions[positions.length - 1]);
        for (int i = 0; i < positions.length; i++) {
            codes[positions[i]] = 1 + i % 63;
            values[positions[i]] = codes[positions[i]] * 0.01f;
        }
        return new WeightTensor("fc1.weight", values, 6, 64 * 32, codes);
    }

    @Test
    void denseTensorPacksDense() {
        float[] values = new float[64];
        Arrays.fill(values, 0.5f);
        PackedLayer packed = PackedSize.pack(new WeightTensor("conv1.weight", values, 8, 0, null));
        assertEquals(PackedLayer.DENSE, packed.encoding());
        assertEquals(0, packed.relativeIndexBits());
        assertEquals(512, packed.valueBits());
        assertEquals(0, packed.sparseIndexBits());
    }

    @Test
    void bitmaskWinsJustBelowHalfDensityWithTwoBitValues() {
        // blocks of 9 nonzeros then 11 zeros, 45% of 1000: dense 2000, bitmask 1000 + 450 x 2 = 1900,
        // relative index at best (k = 1: 9 + 49 x (9 + 5 fillers) entries of 3 bits) 2085
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 20 < 9 ? 1f : 0f;
        }
        PackedLayer packed = PackedSize.pack(new WeightTensor("fc2.weight", values, 2, 0, null));
        assertEquals(PackedLayer.BITMASK, packed.encoding());
        assertEquals(450, packed.nonzero());
        assertEquals(900, packed.valueBits());
        assertEquals(1000, packed.sparseIndexBits());
    }

    @Test
    void exactlyHalfDensityWithTwoBitValuesTiesAndPrefersDense() {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 20 < 10 ? 1f : 0f;
        }
        // dense 2000 = bitmask 1000 + 500 x 2
        assertEquals(PackedLayer.DENSE, PackedSize.pack(new WeightTensor("w", values, 2, 0, null)).encoding());
    }

    @Test
    void relativeIndexWinsAtFivePercentAndOverheadIsAdded() {
        // every 20th element of 2000, 8-bit values: k = 5 stores each gap of 20 without filler,
        // 100 x (8 + 5) = 1300 bits; bitmask 2000 + 800, dense 16000; plus a 32-bit scale
        int[] positions = IntStream.range(0, 100).map(i -> 20 * i + 19).toArray();
        PackedLayer packed = PackedSize.pack(new WeightTensor("fc3.weight", ones(2000, positions), 8, 32, null));
        assertEquals(PackedLayer.RELATIVE_INDEX, packed.encoding());
        assertEquals(5, packed.relativeIndexBits());
        assertEquals(800, packed.valueBits());
        assertEquals(500, packed.sparseIndexBits());
        assertEquals(32, packed.overheadBits());
        assertEquals(1332, packed.totalBits());
        // coded: one value symbol (1 bit each + 8 + 8 table) and one difference symbol (1 bit each + 5 + 8)
        // = 116 + 113 at k = 5, below dense coded (2000 + 2 x 16) and bitmask coded (2000 + 100 + 16)
        assertEquals(229 + 32, packed.codedBits());
    }

    @Test
    void allZeroTensorStoresOnlyItsOverhead() {
        PackedLayer packed = PackedSize.pack(new WeightTensor("fc.weight", new float[100], 8, 32, null));
        assertEquals(PackedLayer.RELATIVE_INDEX, packed.encoding());
        assertEquals(1, packed.relativeIndexBits());
        assertEquals(0, packed.nonzero());
        assertEquals(0, packed.valueBits());
        assertEquals(0, packed.sparseIndexBits());
        assertEquals(32, packed.totalBits());
        assertEquals(32, packed.codedBits());
    }

    @Test
    void emptyTensorPacksDenseInZeroBits() {
        PackedLayer packed = PackedSize.pack(new WeightTensor("empty", new float[0], 8, 0, null));
        assertEquals(PackedLayer.DENSE, packed.encoding());
        assertEquals(0, packed.totalBits());
        assertEquals(0, packed.codedBits());
    }

    @Test
    void negativeZeroCountsAsPruned() {
        float[] values = ones(40, 39);
        Arrays.fill(values, 0, 39, -0f);
        assertEquals(1, PackedSize.pack(new WeightTensor("w", values, 8, 0, null)).nonzero());
    }

    @Test
    void skewedDenseCodesHuffmanBelowFixedWidth() {
        // 100 nonzero 8-bit codes, 90 of code 3 and 10 of code 7: dense 800 bits; coded 1 bit each + 2 x (8 + 8)
        float[] values = new float[100];
        int[] codes = new int[100];
        for (int i = 0; i < 100; i++) {
            codes[i] = i < 90 ? 3 : 7;
            values[i] = codes[i] * 0.1f;
        }
        PackedLayer packed = PackedSize.pack(new WeightTensor("conv2.weight", values, 8, 0, codes));
        assertEquals(PackedLayer.DENSE, packed.encoding());
        assertEquals(800, packed.totalBits());
        assertEquals(132, packed.codedBits());
    }

    @Test
    void codedRelativeIndexCountsFillersInBothStreams() {
        // gaps 1, 2, ..., 12 four times: 48 nonzeros in 312 elements, 8-bit values.
        // Coded at k = 2 (span 4): gaps 5..8 need one filler and 9..12 two, 48 fillers, 96 entries.
        //   values: 48 nonzero + 48 zero symbols, 1 bit each + 2 x (8 + 8) = 128
        //   differences: symbol 3 x (48 fillers + 12), symbols 0, 1, 2 x 12 each; Huffman lengths 1, 3, 3, 2
        //   -> 60 + 12 x (3 + 3 + 2) = 156, + 4 x (2 + 8) = 196
        // 324 in all, below dense coded 312 + 32 = 344. Uncoded: k = 4 without fillers, 48 x 12 = 576.
        int[] gaps = new int[48];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = 1 + i % 12;
        }
        float[] values = ones(312, positions(gaps));
        PackedLayer packed = PackedSize.pack(new WeightTensor("w", values, 8, 0, null));
        assertEquals(PackedLayer.RELATIVE_INDEX, packed.encoding());
        assertEquals(4, packed.relativeIndexBits());
        assertEquals(576, packed.totalBits());
        assertEquals(324, packed.codedBits());

        // fillers take the code of a zero element (128), not that of the float 0f (0, here a nonzero's code)
        int[] codes = new int[values.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = values[i] == 0f ? 128 : 0;
        }
        assertEquals(324, PackedSize.pack(new WeightTensor("w", values, 8, 0, codes)).codedBits());
    }

    @Test
    void codingNeverMakesATensorBigger() {
        // a single nonzero: relative index k = 4 stores it in 1 x (8 + 4) bits; every coded variant pays for a table
        PackedLayer packed = PackedSize.pack(new WeightTensor("w", ones(10, 9), 8, 16, null));
        assertEquals(12 + 16, packed.totalBits());
        assertEquals(packed.totalBits(), packed.codedBits());
    }

    @Test
    void modelSumsLayersAddsFp32ParametersAndRoundsUp() {
        // 182 bits (figure-2 layer) + 1332 bits (5% layer) + 3 x 32 fp32 = 1610 bits = 201.25 -> 202 bytes
        int[] fig2 = IntStream.concat(IntStream.concat(IntStream.of(1), IntStream.iterate(9, p -> p <= 161,
                p -> p + 8)), IntStream.of(170, 187)).toArray();
        int[] sparse = IntStream.range(0, 100).map(i -> 20 * i + 19).toArray();
        List<WeightTensor> weights = List.of(
                new WeightTensor("fc1.weight", ones(190, fig2), 4, 0, null),
                new WeightTensor("fc2.weight", ones(2000, sparse), 8, 32, null));
        ModelPacking model = PackedSize.model(weights, 3);
        assertEquals(2, model.layers().size());
        assertEquals("fc2.weight", model.layers().get(1).layer());
        assertEquals(96, model.otherBits());
        assertEquals(202, model.bytes());
        assertEquals(4 * (190 + 2000 + 3), model.fp32Bytes());
        assertEquals(8772.0 / 202, model.compressionRatio(), 1e-12);
        long coded = model.layers().get(0).codedBits() + model.layers().get(1).codedBits() + 96;
        assertEquals((coded + 7) / 8, model.codedBytes());
        assertTrue(model.codedBytes() <= model.bytes());
        assertEquals(8772.0 / model.codedBytes(), model.codedCompressionRatio(), 1e-12);
    }

    @Test
    void modelOfOnlyFp32ParametersHasRatioOne() {
        ModelPacking model = PackedSize.model(List.of(), 10);
        assertEquals(40, model.bytes());
        assertEquals(40, model.codedBytes());
        assertEquals(1.0, model.compressionRatio());
    }

    @Test
    void weightTensorRejectsBadArgumentsNamingTheLayer() {
        float[] values = new float[4];
        assertEquals("fc1.weight: elementBits must be in 1..32, got 33", assertThrows(IllegalArgumentException.class,
                () -> new WeightTensor("fc1.weight", values, 33, 0, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightTensor("w", values, 0, 0, null));
        assertEquals("w: overheadBits must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> new WeightTensor("w", values, 8, -1, null)).getMessage());
        assertEquals("w: symbols has 3 entries, values has 4", assertThrows(IllegalArgumentException.class,
                () -> new WeightTensor("w", values, 8, 0, new int[3])).getMessage());
        assertThrows(NullPointerException.class, () -> new WeightTensor(null, values, 8, 0, null));
        assertThrows(NullPointerException.class, () -> new WeightTensor("w", null, 8, 0, null));
        assertThrows(IllegalArgumentException.class, () -> PackedSize.model(List.of(), -1));
    }

    @Test
    void packedLayerRejectsAnIndexWidthThatDoesNotFitItsEncoding() {
        assertThrows(IllegalArgumentException.class,
                () -> new PackedLayer("w", 10, 5, 8, PackedLayer.BITMASK, 3, 40, 10, 0, 50));
        assertThrows(IllegalArgumentException.class,
                () -> new PackedLayer("w", 10, 5, 8, PackedLayer.RELATIVE_INDEX, 0, 40, 10, 0, 50));
        assertThrows(IllegalArgumentException.class,
                () -> new PackedLayer("w", 10, 5, 8, "csr", 0, 40, 10, 0, 50));
        assertThrows(IllegalArgumentException.class,
                () -> new PackedLayer("w", 10, 5, 8, PackedLayer.DENSE, 0, 80, 0, 0, 81));
    }
}
