package dev.ablate.nn;

import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's semantics ({@code torch.optim.SGD}, dampening 0, no Nesterov),
 * in float32 like PyTorch's CPU kernels:
 * <pre>
 *   d = grad + weight_decay * w          (weight decay on every parameter, biases included, as PyTorch's default)
 *   v = d                                (first step)
 *   v = momentum * v + d                 (later steps; no buffer at all when momentum is 0)
 *   w = w - lr * v
 * </pre>
 * Masked parameters ({@link Parameter#mask()}) have their gradients masked before the update and the mask
 * re-applied after it, so pruned weights stay exactly zero. The momentum buffers are allocated once.
 */
public final class Sgd {

    private final List<Parameter> params;
    private final float lr;
    private final float momentum;
    private final float weightDecay;
    private final float[][] velocity;
    private boolean started;

    /**
     * @param params      the parameters to update (normally {@link Network#parameters()})
     * @param lr          learning rate, positive
     * @param momentum    momentum factor, at least 0
     * @param weightDecay L2 penalty factor, at least 0
     * @throws IllegalArgumentException for a bad hyper-parameter
     */
    public Sgd(List<Parameter> params, double lr, double momentum, double weightDecay) {
        if (!(lr > 0) || !(momentum >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("bad SGD settings: lr=" + lr + " momentum=" + momentum
                    + " weight_decay=" + weightDecay);
        }
        this.params = List.copyOf(params);
        this.lr = (float) lr;
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        this.velocity = new float[this.params.size()][];
        if (momentum != 0) {
            for (int i = 0; i < velocity.length; i++) {
                velocity[i] = new float[this.params.get(i).size()];
            }
        }
    }

    /** Applies one update from the parameters' current gradients. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            p.maskGradient();
            float[] w = p.data();
            float[] g = p.grad();
            float[] v = velocity[i];
            if (v == null) {
                for (int j = 0; j < w.length; j++) {
                    float d = g[j] + weightDecay * w[j];
                    w[j] = w[j] - lr * d;
                }
            } else if (!started) {
                for (int j = 0; j < w.length; j++) {
                    float d = g[j] + weightDecay * w[j];
                    v[j] = d;
                    w[j] = w[j] - lr * d;
                }
            } else {
                for (int j = 0; j < w.length; j++) {
                    float d = g[j] + weightDecay * w[j];
                    float vj = momentum * v[j] + d;
                    v[j] = vj;
                    w[j] = w[j] - lr * vj;
                }
            }
            p.applyMask();
        }
        started = true;
    }
}
