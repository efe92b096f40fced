package dev.ablate.compress.quant;

import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Post-training weight quantization: replaces every prunable weight of a copy of a network by its fake-quantized
 * value in the {@link TensorFormat} chosen for its layer. Biases stay float32, as torch.ao leaves them. A pruning
 * mask is kept on the copy and re-applied after quantization, so pruned weights stay exactly zero even in formats
 * that have no zero ({@code binary}).
 */
public final class WeightQuantizer {

    private WeightQuantizer() {
    }

    /**
     * Quantizes a copy of {@code net}; {@code net} itself is unchanged.
     *
     * @param formatOfLayer the format of each layer, by layer name ({@code fc1} for {@code fc1.weight}); a layer
     *                      whose format is {@code null} stays float32 and is not reported
     * @param seed          seed of stochastic rounding; each layer draws from its own stream, derived from the
     *                      seed and its name, so the result does not depend on the order of layers
     */
    public static QuantizedNetwork quantize(Network net, Function<String, TensorFormat> formatOfLayer, long seed) {
        Network copy = net.copy();
        List<LayerQuantStats> stats = new ArrayList<>();
        for (Parameter p : copy.parameters()) {
            if (!p.prunable()) {
                continue;
            }
            String layer = layerOf(p);
            TensorFormat format = formatOfLayer.apply(layer);
            if (format == null) {
                continue;
            }
            float[] original = p.data().clone();
            QuantizationReport report = format.quantize(original, p.shape(), p.data(), null,
                    new SplittableRandom(seed ^ layer.hashCode() * 0x9E3779B97F4A7C15L));
            p.setMask(p.mask());
            stats.add(new LayerQuantStats(layer, p.name(), format.name(), report, p.size(), p.nonzeroCount(),
                    sqnrDb(original, p.data())));
        }
        return new QuantizedNetwork(copy, stats);
    }

    /** The layer a parameter belongs to: its name without the last segment ({@code fc1} for {@code fc1.weight}). */
    public static String layerOf(Parameter p) {
        int dot = p.name().lastIndexOf('.');
        return dot < 0 ? p.name() : p.name().substring(0, dot);
    }

    /**
     * Signal-to-quantization-noise ratio 10·log10(Σx² / Σ(x − q)²) in dB, accumulated in double; positive
     * infinity when {@code q} equals {@code x}.
     */
    public static double sqnrDb(float[] x, float[] q) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - q[i];
            signal += (double) x[i] * x[i];
            noise += d * d;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }
}
