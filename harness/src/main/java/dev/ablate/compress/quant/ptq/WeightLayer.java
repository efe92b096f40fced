package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@link Linear} or {@link Conv2d} layer of a network with its position, seen as a weight matrix of
 * {@code outChannels} rows (axis 0) and {@code columns} columns ({@code in} or {@code in * kh * kw}).
 *
 * @param index  position in {@link Network#layers()}
 * @param layer  the layer
 * @param weight its live {@code [out, in]} or {@code [out, in, kh, kw]} weight
 * @param bias   its live {@code [out]} bias
 */
record WeightLayer(int index, Layer layer, Parameter weight, Parameter bias) {

    /** The weight layers of {@code net}, input to output. */
    static List<WeightLayer> of(Network net) {
        List<WeightLayer> result = new ArrayList<>();
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Linear lin) {
                result.add(new WeightLayer(i, l, lin.weight(), lin.bias()));
            } else if (l instanceof Conv2d conv) {
                result.add(new WeightLayer(i, l, conv.weight(), conv.bias()));
            }
        }
        return List.copyOf(result);
    }

    /** The layer's name, e.g. {@code fc1}. */
    String name() {
        return layer.name();
    }

    /** Rows of the weight: output features or channels. */
    int outChannels() {
        return weight.shape()[0];
    }

    /** Columns of the weight: elements per output channel. */
    int columns() {
        return weight.size() / outChannels();
    }

    /** Replaces the weight, in place, by its fake-quantized values in {@code format}; the bias stays float. */
    QuantizationReport quantizeWeight(TensorFormat format, SplittableRandom rng) {
        float[] w = weight.data();
        return format.quantize(w, weight.shape(), w, null, rng);
    }
}
