package dev.ablate.compress.precision;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.spec.PrecisionConfig;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link PrecisionConfig} resolved into formats and enums, every spelling checked.
 *
 * @param weights        format of the weights (every parameter, biases included)
 * @param activations    format of every tensor flowing forward between layers
 * @param gradients      format of the weight gradients and of the gradients flowing back between layers
 * @param rounding       rounding of every cast
 * @param masterWeights  whether the optimizer updates an fp32 copy of the weights
 * @param lossScaling    none, static or dynamic
 * @param lossScale      the static scale or the dynamic one's start
 * @param growthInterval clean steps before a dynamic scale doubles
 */
public record PrecisionPlan(ScalarFormat weights, ScalarFormat activations, ScalarFormat gradients, Rounding rounding,
                            boolean masterWeights, LossScaling lossScaling, float lossScale, int growthInterval) {

    /** Checks the components are present. */
    public PrecisionPlan {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(gradients, "gradients");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(lossScaling, "lossScaling");
    }

    /**
     * Resolves a config.
     *
     * @throws IllegalArgumentException naming the {@code train.precision} field and quoting its value, for an
     *                                  unknown format, rounding or loss scaling, or a loss scale beyond float32
     */
    public static PrecisionPlan of(PrecisionConfig cfg) {
        float scale = (float) cfg.lossScale();
        if (Float.isInfinite(scale) || scale == 0) {
            throw new IllegalArgumentException("train.precision.loss_scale: " + cfg.lossScale()
                    + " is outside float32's range");
        }
        return new PrecisionPlan(format("weights", cfg.weights()), format("activations", cfg.activations()),
                format("gradients", cfg.gradients()), field("rounding", () -> Rounding.fromSpec(cfg.rounding())),
                cfg.masterWeights(), field("loss_scaling", () -> LossScaling.fromSpec(cfg.lossScaling())), scale,
                cfg.growthInterval());
    }

    private static ScalarFormat format(String name, String spelling) {
        return field(name, () -> ScalarFormat.parse(spelling));
    }

    private static <T> T field(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("train.precision." + name + ": " + e.getMessage(), e);
        }
    }
}
