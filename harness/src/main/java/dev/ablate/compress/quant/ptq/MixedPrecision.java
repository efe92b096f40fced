package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.QuantizedNetwork;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.nn.Network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Weight-only post-training quantization with a bit width per layer: each weight layer's weight is replaced by
 * its fake-quantized values in the {@link TensorFormat} that {@code formats} gives for the layer's bit width.
 */
public final class MixedPrecision {

    private MixedPrecision() {
    }

    /**
     * Quantizes a copy of {@code net}; {@code net} is unchanged.
     *
     * @param assignment the bit width of exactly the weight layers of {@code net}
     * @param formats    the format for a bit width, e.g. {@code b -> int b-bit per-channel}
     * @param seed       seed of stochastic rounding; each layer draws from its own stream
     *                   ({@link WeightQuantizer#quantize}), so its rounding does not depend on the others' widths
     * @throws IllegalArgumentException if the assignment's layers are not exactly the weight layers of
     *                                  {@code net}
     */
    public static MixedPrecisionNetwork apply(Network net, BitWidthAssignment assignment,
                                              IntFunction<? extends TensorFormat> formats, long seed) {
        List<String> names = WeightLayer.of(net).stream().map(WeightLayer::name).toList();
        if (!names.equals(assignment.layers())) {
            throw new IllegalArgumentException("the assignment covers layers " + assignment.layers()
                    + " but the network's weight layers are " + names);
        }
        QuantizedNetwork quantized = WeightQuantizer.quantize(net, layer -> formats.apply(assignment.bitsOf(layer)), seed);
        Map<String, QuantizationReport> reports = new LinkedHashMap<>();
        quantized.layers().forEach(l -> reports.put(l.layer(), l.report()));
        return new MixedPrecisionNetwork(quantized.network(), assignment, reports);
    }
}
