package dev.ablate.nn;

import java.util.List;

/**
 * Adam with PyTorch 1.13's semantics ({@code torch.optim.Adam}, {@code amsgrad=False}), in float32:
 * <pre>
 *   g = grad + weight_decay * w                      (L2 penalty added to the gradient, biases included)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g              (m and v start at 0; t = 1, 2, ...)
 *   step_size = lr / (1 - beta1^t)                   (bias corrections in double, as PyTorch's Python floats)
 *   denom = sqrt(v) / sqrt(1 - beta2^t) + eps        (eps added after the bias correction)
 *   w = w - step_size * m / denom
 * </pre>
 * For decoupled weight decay use {@link AdamW}. Masked parameters keep their pruned entries at exactly zero
 * (see {@link Optimizer}).
 */
public final class Adam extends AdamMoments {

    /**
     * @param params      the parameters to update (normally {@link Network#parameters()})
     * @param lr          learning rate, at least 0
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         denominator term, at least 0
     * @param weightDecay L2 penalty factor, at least 0
     * @throws IllegalArgumentException for a bad hyper-parameter
     */
    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("Adam", params, lr, beta1, beta2, eps, weightDecay, false);
    }
}
