package dev.ablate.spec;

import java.util.Objects;

/**
 * The {@code train.precision} block: simulated low-precision training (Gupta et al. 2015; Micikevicius et al.
 * 2018). Every format is {@code fp32} (no cast), {@code fp16}, {@code bf16}, {@code fp8-e4m3},
 * {@code fp8-e5m2} or fixed point {@code fixed<word,frac>} (two's complement, {@code word} bits of which
 * {@code frac} fractional, saturating).
 *
 * @param weights        format the weights are stored in (and the forward and backward passes see)
 * @param activations    format of every layer's output in the forward pass
 * @param gradients      format of the weight gradients and of the gradients flowing back between layers
 * @param rounding       {@code nearest-even} (to nearest, ties to even) or {@code stochastic} (seeded by the trial)
 *                       for every cast, the weight update's in particular
 * @param masterWeights  keep an fp32 copy of the weights that the optimizer updates (cast for each forward
 *                       pass); off: the optimizer's update is itself rounded to the weight format
 * @param lossScaling    {@code none}, {@code static} (multiply the loss by {@code lossScale}) or {@code dynamic}
 *                       (start at {@code lossScale}, halve and skip the update on overflow, double after
 *                       {@code growthInterval} clean steps)
 * @param lossScale      the static scale, or the dynamic scale's start
 * @param growthInterval dynamic: clean steps before the scale doubles
 */
public record PrecisionConfig(String weights, String activations, String gradients, String rounding,
                              boolean masterWeights, String lossScaling, double lossScale, int growthInterval) {
    public PrecisionConfig {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(gradients, "gradients");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(lossScaling, "lossScaling");
        if (!(lossScale > 0) || growthInterval < 1) {
            throw new IllegalArgumentException("bad precision config: loss_scale=" + lossScale + " growth_interval="
                    + growthInterval);
        }
    }
}
