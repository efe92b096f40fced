package dev.ablate.metrics.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Huffman code lengths against textbook cases and the entropy bounds. */
class HuffmanTest {

    @Test
    void clrsExampleHasItsTextbookLengths() {
        // CLRS 3rd ed. §16.3, Fig. 16.5: a..f with frequencies (thousands) 45 13 12 16 9 5
        long[] frequencies = {45, 13, 12, 16, 9, 5};
        assertArrayEquals(new int[] {1, 3, 3, 3, 4, 4}, Huffman.codeLengths(frequencies));
        assertEquals(224, Huffman.codedBits(frequencies));
    }

    @Test
    void aSingleSymbolCostsOneBitPerOccurrence() {
        assertArrayEquals(new int[] {0, 1, 0}, Huffman.codeLengths(new long[] {0, 7, 0}));
        assertEquals(7, Huffman.codedBits(new long[] {0, 7, 0}));
    }

    @Test
    void anEmptyStreamCostsNothing() {
        assertArrayEquals(new int[] {0, 0}, Huffman.codeLengths(new long[] {0, 0}));
        assertEquals(0, Huffman.codedBits(new long[0]));
    }

    @Test
    void absentSymbolsGetNoCode() {
        assertArrayEquals(new int[] {1, 0, 2, 2}, Huffman.codeLengths(new long[] {10, 0, 3, 4}));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void uniformPowerOfTwoSymbolsTakeKBitsEach(int k) {
        long[] frequencies = new long[1 << k];
        Arrays.fill(frequencies, 3);
        int[] expected = new int[1 << k];
        Arrays.fill(expected, k);
        assertArrayEquals(expected, Huffman.codeLengths(frequencies));
        assertEquals(3L * k << k, Huffman.codedBits(frequencies));
    }

    @Test
    void skewedDistributionCodesBelowItsFixedWidthAndAboveItsEntropy() {
        // 8 symbols: a fixed-width code needs 3 bits each
        long[] frequencies = {1000, 300, 120, 50, 20, 8, 3, 1};
        long n = Arrays.stream(frequencies).sum();
        long coded = Huffman.codedBits(frequencies);
        assertTrue(coded < 3 * n, "coded " + coded + " vs fixed " + 3 * n);
        double entropyBits = 0;
        for (long f : frequencies) {
            entropyBits += f * (Math.log((double) n / f) / Math.log(2));
        }
        assertTrue(entropyBits <= coded, "entropy " + entropyBits + " > coded " + coded);
        assertTrue(coded < entropyBits + n, "coded " + coded + " >= entropy + N " + (entropyBits + n));
    }

    @Test
    void tiesBreakTheSameWayEveryTime() {
        long[] frequencies = {2, 2, 2, 2, 2, 2};
        int[] first = Huffman.codeLengths(frequencies);
        assertArrayEquals(first, Huffman.codeLengths(frequencies.clone()));
        // six equal weights: two leaves at depth 2, four at depth 3; leaves merge first in index order
        assertArrayEquals(new int[] {3, 3, 3, 3, 2, 2}, first);
    }

    @Test
    void negativeFrequencyIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Huffman.codeLengths(new long[] {1, -2}));
        assertEquals("frequencies[1] must be >= 0, got -2", e.getMessage());
    }
}
