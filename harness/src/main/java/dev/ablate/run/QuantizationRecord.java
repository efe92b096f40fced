package dev.ablate.run;

import java.util.List;

/**
 * What a quantize stage did, stored with its model so that evaluation can report it and convert the model to
 * integer-only inference.
 *
 * @param layers          per weight layer, how it was quantized
 * @param weightGrids     the integer grid of every weight layer when all are {@code int} (else empty)
 * @param activationGrids the integer grid at every activation site, in site order (empty for weight-only)
 */
public record QuantizationRecord(List<LayerReport> layers, List<IntGrid> weightGrids, List<IntGrid> activationGrids) {

    public QuantizationRecord {
        layers = List.copyOf(layers);
        weightGrids = List.copyOf(weightGrids);
        activationGrids = List.copyOf(activationGrids);
    }

    /**
     * An integer grid: scales and zero points (one per tensor or per channel) and the code range.
     *
     * @param name       layer name, or the site's position for activations
     * @param scales     step sizes
     * @param zeroPoints zero points
     * @param qmin       smallest code
     * @param qmax       largest code
     */
    public record IntGrid(String name, float[] scales, int[] zeroPoints, int qmin, int qmax) {
    }
}
