package dev.ablate.compress.quant;

import dev.ablate.nn.Network;

import java.util.List;

/**
 * A network whose prunable weights are fake-quantized, with how each layer was quantized.
 *
 * @param network fp32 network holding the fake-quantized weights (biases unchanged, masks kept)
 * @param layers  one entry per quantized weight, in parameter order
 */
public record QuantizedNetwork(Network network, List<LayerQuantStats> layers) {
    public QuantizedNetwork {
        layers = List.copyOf(layers);
    }
}
