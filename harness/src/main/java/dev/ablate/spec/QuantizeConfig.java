package dev.ablate.spec;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code compress.quantize} step.
 *
 * @param method         {@code ptq} (post-training) or {@code qat} (quantization-aware fine-tuning)
 * @param weights        how weights are quantized
 * @param activations    how activations are quantized, or {@code null} for weight-only quantization
 * @param foldBatchNorm  fold BatchNorm into the preceding layer before quantizing its weights
 * @param equalize       apply cross-layer equalization (ReLU networks) before quantizing
 * @param biasCorrection correct the bias for the mean output shift that weight quantization causes
 * @param firstLastBits  bit width kept for the first and last weight layers (int formats), 0 for no exception
 * @param layers         per-layer overrides of {@code weights}, by layer name
 * @param mixedPrecision the sensitivity-guided bit-width search, or {@code null}
 * @param qat            fine-tuning settings, or {@code null} for {@code ptq}
 * @param deploy         also convert to integer-only inference and report {@code accuracy_deployed} when the
 *                       model is int8 (weights and activations)
 * @param layerwise      also quantize every weight layer alone and report each in the {@code layers} table
 */
public record QuantizeConfig(String method, WeightQuantConfig weights, ActivationQuantConfig activations,
                             boolean foldBatchNorm, boolean equalize, boolean biasCorrection, int firstLastBits,
                             Map<String, LayerQuantOverride> layers, MixedPrecisionConfig mixedPrecision,
                             QatConfig qat, boolean deploy, boolean layerwise) {
    public QuantizeConfig {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(weights, "weights");
        layers = Map.copyOf(layers);
        if ("qat".equals(method) != (qat != null)) {
            throw new IllegalArgumentException("qat settings are required for method qat and only for it");
        }
    }

    /** The weight quantization of one layer: {@link #weights} with that layer's override applied. */
    public WeightQuantConfig weightsFor(String layer) {
        LayerQuantOverride o = layers.get(layer);
        return o == null ? weights : o.applyTo(weights);
    }
}
