package dev.ablate.run;

import java.util.List;

/**
 * What a quantize stage did, stored with its model so that evaluation can report it and convert the model to
 * integer-only inference.
 *
 * @param layers          per weight layer, how it was quantized
 * @param weightGrids     the integer grid of every weight layer when all are {@code int} (else empty)
 * @param activationGrids  the integer grid at every activation site, in site order (empty for weight-only and for
 *                         float activations)
 * @param activationFloats the clipping magnitude at every activation site of scaled float activations, in site
 *                         order (empty otherwise; absent from artifacts written before float activations existed)
 */
public record QuantizationRecord(List<LayerReport> layers, List<IntGrid> weightGrids, List<IntGrid> activationGrids,
                                 List<FloatSite> activationFloats) {

    public QuantizationRecord {
        layers = List.copyOf(layers);
        weightGrids = List.copyOf(weightGrids);
        activationGrids = List.copyOf(activationGrids);
        activationFloats = activationFloats == null ? List.of() : List.copyOf(activationFloats);
    }

    /** Whether activations are quantized, on an integer grid or in a float format. */
    public boolean quantizedActivations() {
        return !activationGrids.isEmpty() || !activationFloats.isEmpty();
    }

    /**
     * A scaled float activation site.
     *
     * @param name   the site's name ({@code act0}, ...)
     * @param format the float format's spec name
     * @param amax   the calibrated clipping magnitude, which the scale maps onto the format's largest value
     */
    public record FloatSite(String name, String format, float amax) {
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
