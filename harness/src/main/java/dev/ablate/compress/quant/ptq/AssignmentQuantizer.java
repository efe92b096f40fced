package dev.ablate.compress.quant.ptq;

import dev.ablate.nn.Network;

/**
 * Turns a float network and a bit-width assignment into the quantized network to evaluate, e.g.
 * {@code (net, a) -> MixedPrecision.apply(net, a, formats, seed).network()}, possibly followed by bias
 * correction. Must not modify {@code floatNet}.
 */
@FunctionalInterface
public interface AssignmentQuantizer {

    /** The quantized network for {@code assignment}; {@code floatNet} stays unchanged. */
    Network quantize(Network floatNet, BitWidthAssignment assignment);
}
