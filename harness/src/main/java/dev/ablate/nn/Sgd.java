package dev.ablate.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;

/**
 * Stochastic gradient descent with PyTorch 1.13's semantics ({@code torch.optim.SGD}, dampening 0), in float32
 * like PyTorch's CPU kernels:
 * <pre>
 *   d = grad + weight_decay * w          (weight decay on every parameter, biases included, as PyTorch's default)
 *   v = d                                (first step)
 *   v = momentum * v + d                 (later steps; no buffer at all when momentum is 0)
 *   u = nesterov ? d + momentum * v : v  (u = d without momentum)
 *   w = w - lr * u
 * </pre>
 * The hyper-parameters are rounded to float32 once, as PyTorch's kernels do with their scalar arguments.
 * Masked parameters keep their pruned entries at exactly zero (see {@link Optimizer}). The momentum buffers are
 * allocated once.
 */
public final class Sgd implements Optimizer {

    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;

    private final List<Parameter> params;
    private double lr;
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final float[][] velocity;
    private boolean started;

    /**
     * Plain or heavy-ball SGD (no Nesterov).
     *
     * @see #Sgd(List, double, double, boolean, double)
     */
    public Sgd(List<Parameter> params, double lr, double momentum, double weightDecay) {
        this(params, lr, momentum, false, weightDecay);
    }

    /**
     * @param params      the parameters to update (normally {@link Network#parameters()})
     * @param lr          learning rate, at least 0
     * @param momentum    momentum factor, at least 0
     * @param nesterov    Nesterov momentum; needs {@code momentum > 0}, as in PyTorch
     * @param weightDecay L2 penalty factor, at least 0
     * @throws IllegalArgumentException for a bad hyper-parameter, naming it and its value
     */
    public Sgd(List<Parameter> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        if (!(lr >= 0) || Double.isInfinite(lr) || !(momentum >= 0) || Double.isInfinite(momentum)
                || !(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("bad SGD settings: lr=" + lr + " momentum=" + momentum
                    + " weight_decay=" + weightDecay);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("bad SGD settings: nesterov needs momentum > 0, got momentum=" + momentum);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
        this.velocity = new float[this.params.size()][];
        if (momentum != 0) {
            for (int i = 0; i < velocity.length; i++) {
                velocity[i] = new float[this.params.get(i).size()];
            }
        }
    }

    @Override
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and at least 0, got " + lr);
        }
        this.lr = lr;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void step() {
        float rate = (float) lr;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            p.maskGradient();
            float[] v = velocity[i];
            if (v == null) {
                plain(p.data(), p.grad(), rate);
            } else {
                withMomentum(p.data(), p.grad(), v, rate, !started);
            }
            p.applyMask();
        }
        started = true;
    }

    private void plain(float[] w, float[] g, float rate) {
        int n = w.length;
        int upper = S.loopBound(n);
        int j = 0;
        for (; j < upper; j += S.length()) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector d = FloatVector.fromArray(S, g, j).add(wv.mul(weightDecay));
            wv.sub(d.mul(rate)).intoArray(w, j);
        }
        for (; j < n; j++) {
            float d = g[j] + weightDecay * w[j];
            w[j] = w[j] - rate * d;
        }
    }

    private void withMomentum(float[] w, float[] g, float[] v, float rate, boolean first) {
        int n = w.length;
        int upper = S.loopBound(n);
        int j = 0;
        for (; j < upper; j += S.length()) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector d = FloatVector.fromArray(S, g, j).add(wv.mul(weightDecay));
            // first step: the buffer starts as d itself, as in PyTorch
            FloatVector buf = first ? d : FloatVector.fromArray(S, v, j).mul(momentum).add(d);
            buf.intoArray(v, j);
            FloatVector u = nesterov ? d.add(buf.mul(momentum)) : buf;
            wv.sub(u.mul(rate)).intoArray(w, j);
        }
        for (; j < n; j++) {
            float d = g[j] + weightDecay * w[j];
            float buf = first ? d : v[j] * momentum + d;
            v[j] = buf;
            float u = nesterov ? d + momentum * buf : buf;
            w[j] = w[j] - rate * u;
        }
    }
}
