package dev.ablate.nn;

import java.util.List;

/**
 * AdamW with PyTorch 1.13's semantics ({@code torch.optim.AdamW}, {@code amsgrad=False}): decoupled weight
 * decay (Loshchilov &amp; Hutter 2019) shrinks the weights before the {@link Adam} update, whose gradient then
 * carries no L2 term:
 * <pre>
 *   w = w * (1 - lr * weight_decay)                  (the factor computed in double, then rounded to float32)
 *   then Adam's update with g = grad
 * </pre>
 * Masked parameters keep their pruned entries at exactly zero (see {@link Optimizer}).
 */
public final class AdamW extends AdamMoments {

    /**
     * @param params      the parameters to update (normally {@link Network#parameters()})
     * @param lr          learning rate, at least 0
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         denominator term, at least 0
     * @param weightDecay decoupled decay factor, at least 0 (PyTorch's default for AdamW is 0.01)
     * @throws IllegalArgumentException for a bad hyper-parameter
     */
    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
