package dev.ablate.run;

import java.util.List;

/**
 * What a trial's final model costs to store and to run one example through:
 * its packed size and the cost model's compute and energy, per weight layer and in total.
 *
 * @param modelBytes       packed size: values at their bit-width, scales, zero points, codebooks, the cheapest sparse
 *                         index, and every other parameter in fp32
 * @param modelBytesCoded  the same with value symbols and index differences Huffman-coded (tables included)
 * @param referenceBytes   fp32 size of the uncompressed model the trial's model replaces (its fp32 baseline, or a
 *                         distilled student's network teachers): what {@link #compressionRatio()} divides
 * @param macsDense        multiply-accumulates of one example as the layers are shaped (structured pruning shrinks
 *                         them, zeros do not)
 * @param macs             multiply-accumulates with a nonzero weight: what a sparse kernel executes
 * @param bops             bit operations: per layer, {@code macs × weight bits × activation bits}
 * @param energyPj         the cost model's energy of one inference, picojoules
 * @param costModel        the cost table's name
 * @param layers           the same per weight layer, input to output
 */
public record Efficiency(long modelBytes, long modelBytesCoded, long referenceBytes, long macsDense, long macs,
                         long bops, double energyPj, String costModel, List<Layer> layers) {

    public Efficiency {
        layers = List.copyOf(layers);
    }

    /** {@link #referenceBytes} over {@link #modelBytes}. */
    public double compressionRatio() {
        return (double) referenceBytes / modelBytes;
    }

    /**
     * One weight layer (a row of the {@code layers} table).
     *
     * @param layer          layer name
     * @param params         weight elements
     * @param nonzero        weights that are not exactly zero
     * @param weightBits     bits per stored weight (32 when unquantized)
     * @param activationBits bits of its input activations (32 when unquantized)
     * @param encoding       how the weights are stored: {@code dense}, {@code bitmask} or {@code relative-index}
     * @param indexBits      bits per relative index, 0 for the other encodings
     * @param bytes          packed bytes of the weights with their quantization parameters and sparse index
     * @param macsDense      multiply-accumulates of one example
     * @param macs           those with a nonzero weight
     * @param bops           {@code macs × weightBits × activationBits}
     * @param energyPj       the cost model's energy of the layer, picojoules
     */
    public record Layer(String layer, long params, long nonzero, int weightBits, int activationBits, String encoding,
                        int indexBits, long bytes, long macsDense, long macs, long bops, double energyPj) {
    }
}
