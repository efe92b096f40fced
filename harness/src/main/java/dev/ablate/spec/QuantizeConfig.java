package dev.ablate.spec;

import java.util.Objects;

/**
 * The {@code compress.quantize} step.
 *
 * @param method  {@code ptq} (post-training, no retraining)
 * @param weights how weights are quantized
 */
public record QuantizeConfig(String method, WeightQuantConfig weights) {
    public QuantizeConfig {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(weights, "weights");
    }
}
