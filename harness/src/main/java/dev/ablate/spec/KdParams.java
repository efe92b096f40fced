package dev.ablate.spec;

/**
 * The two knobs of Hinton et al.'s distillation loss {@code α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1−α)·CE(s, y)}.
 *
 * @param temperature softening temperature {@code T > 0}
 * @param alpha       weight of the soft-target term, in [0, 1]
 */
public record KdParams(double temperature, double alpha) {
    public KdParams {
        if (!(temperature > 0) || !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("bad distillation parameters: temperature=" + temperature + " alpha="
                    + alpha + " (need temperature > 0 and 0 <= alpha <= 1)");
        }
    }
}
