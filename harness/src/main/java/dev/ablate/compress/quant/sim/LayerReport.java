package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.QuantizationReport;

import java.util.Objects;

/**
 * How one weight layer of a simulated network was quantized.
 *
 * @param layer     layer name, e.g. {@code fc1}
 * @param parameter the quantized weight, e.g. {@code fc1.weight}
 * @param report    what the format did to it (with the integer parameters for {@code int} formats)
 */
public record LayerReport(String layer, String parameter, QuantizationReport report) {
    public LayerReport {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(report, "report");
    }
}
