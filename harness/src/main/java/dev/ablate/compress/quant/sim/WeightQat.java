package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.nn.Layer;

import java.util.Objects;
import java.util.function.Function;

/** How the weights of a quantization-aware trained network are fake-quantized. */
public sealed interface WeightQat {

    /** The QAT wrapper of a {@link dev.ablate.nn.Linear} or {@link dev.ablate.nn.Conv2d}. */
    WeightFakeQuant wrap(Layer layer);

    /**
     * Any {@link TensorFormat} per layer, its parameters recomputed from the master weight at every step.
     *
     * @param formatOfLayer the weight format of each layer, by layer name
     */
    record Format(Function<String, TensorFormat> formatOfLayer) implements WeightQat {
        public Format {
            Objects.requireNonNull(formatOfLayer, "formatOfLayer");
        }

        @Override
        public WeightFakeQuant wrap(Layer layer) {
            return WeightFakeQuant.withFormat(layer, formatOfLayer.apply(layer.name()));
        }
    }

    /**
     * Per-channel learned step sizes (LSQ) on a symmetric integer grid.
     *
     * @param scheme a symmetric scheme
     * @param bits   bit width
     */
    record LearnedSteps(QuantScheme scheme, int bits) implements WeightQat {
        /** @throws IllegalArgumentException if the scheme is not symmetric or does not support {@code bits} */
        public LearnedSteps {
            Objects.requireNonNull(scheme, "scheme");
            scheme.range(bits);
            WeightFakeQuant.requireSymmetric("learned weight steps", scheme);
        }

        @Override
        public WeightFakeQuant wrap(Layer layer) {
            return WeightFakeQuant.learned(layer, scheme, bits);
        }
    }
}
