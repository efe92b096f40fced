package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.nn.Network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network whose weights were fake-quantized layer by layer at the bit widths of an assignment.
 *
 * @param network    float32 network holding the fake-quantized weights (biases float, masks kept)
 * @param assignment the bit width of every weight layer
 * @param reports    what the format did to each layer's weight, by layer name in layer order
 */
public record MixedPrecisionNetwork(Network network, BitWidthAssignment assignment,
                                    Map<String, QuantizationReport> reports) {
    public MixedPrecisionNetwork {
        reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
    }
}
