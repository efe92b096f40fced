package dev.ablate.nn;

import dev.ablate.spec.TrainConfig;

import java.util.Arrays;
import java.util.List;

/**
 * Updates parameters in place from their gradients, with the semantics of the PyTorch 1.13 optimizer of the
 * same name.
 *
 * <p>Every implementation masks the gradients of masked parameters ({@link Parameter#maskGradient()}) before
 * the update and re-applies the mask after it, so pruned weights stay exactly {@code +0.0}. State (momentum
 * and moment buffers) is allocated once, at construction; {@link #step()} allocates nothing. Arithmetic is
 * float32, element by element, in the order PyTorch's CPU kernels use (without fused multiply-add), and the
 * vectorised loops give the same bits as a scalar loop would.
 *
 * <p>Not thread-safe.
 */
public sealed interface Optimizer permits Sgd, AdamMoments {

    /** The names {@link #forConfig} accepts, in {@code train.optimizer}'s vocabulary. */
    List<String> NAMES = Arrays.stream(OptimizerKind.values()).map(OptimizerKind::specName).toList();

    /** Applies one update from the parameters' current gradients. */
    void step();

    /**
     * Sets the learning rate of the following steps (schedules call this before each step).
     *
     * @throws IllegalArgumentException if {@code lr} is negative, NaN or infinite
     */
    void setLearningRate(double lr);

    /** The learning rate the next step uses. */
    double learningRate();

    /**
     * The optimizer {@code cfg.optimizer()} names, over {@code params}, with the config's hyper-parameters:
     * {@code sgd} uses lr, momentum, nesterov and weight decay; {@code adam} and {@code adamw} use lr, beta1,
     * beta2, eps and weight decay (L2 for {@code adam}, decoupled for {@code adamw}).
     *
     * @throws IllegalArgumentException if the name is not one of {@link #NAMES}, or the settings are invalid
     *                                  for that optimizer (e.g. Nesterov without momentum)
     */
    static Optimizer forConfig(TrainConfig cfg, List<Parameter> params) {
        return OptimizerKind.of(cfg.optimizer()).create(cfg, params);
    }
}
