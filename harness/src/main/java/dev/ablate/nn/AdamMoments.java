package dev.ablate.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;

/**
 * The state and update shared by {@link Adam} and {@link AdamW}: first and second moments per parameter, the
 * step count, and PyTorch 1.13's {@code _single_tensor_adam(w)} arithmetic. They differ only in how weight
 * decay enters: added to the gradient (L2, Adam) or applied to the weights before the update (decoupled, AdamW).
 * The moment buffers are allocated once.
 */
public abstract sealed class AdamMoments implements Optimizer permits Adam, AdamW {

    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;

    private final List<Parameter> params;
    private final double beta1;
    private final double beta2;
    private final float eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final float[][] m;
    private final float[][] v;
    private double lr;
    private long t;

    AdamMoments(String optimizer, List<Parameter> params, double lr, double beta1, double beta2, double eps,
                double weightDecay, boolean decoupled) {
        if (!(lr >= 0) || Double.isInfinite(lr) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(eps >= 0) || Double.isInfinite(eps) || !(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("bad " + optimizer + " settings: lr=" + lr + " betas=" + beta1 + ","
                    + beta2 + " eps=" + eps + " weight_decay=" + weightDecay);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = (float) eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new float[this.params.size()][];
        this.v = new float[this.params.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new float[this.params.get(i).size()];
            v[i] = new float[this.params.get(i).size()];
        }
    }

    @Override
    public final void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and at least 0, got " + lr);
        }
        this.lr = lr;
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void step() {
        t++;
        // PyTorch computes the scalars in double (Python floats) and its kernels round them to float32
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float stepSize = (float) -(lr / (1 - Math.pow(beta1, t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float l2 = decoupled ? 0f : (float) weightDecay;
        float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        boolean applyL2 = !decoupled && weightDecay != 0;
        boolean applyDecay = decoupled && weightDecay != 0;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            p.maskGradient();
            update(p.data(), p.grad(), m[i], v[i], b1, b2, c1, c2, stepSize, bc2Sqrt, applyL2, l2, applyDecay, decay);
            p.applyMask();
        }
    }

    private void update(float[] w, float[] g, float[] mi, float[] vi, float b1, float b2, float c1, float c2,
                        float stepSize, float bc2Sqrt, boolean applyL2, float l2, boolean applyDecay, float decay) {
        int n = w.length;
        int upper = S.loopBound(n);
        int j = 0;
        for (; j < upper; j += S.length()) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector gv = FloatVector.fromArray(S, g, j);
            if (applyL2) {
                gv = gv.add(wv.mul(l2));
            }
            if (applyDecay) {
                wv = wv.mul(decay);
            }
            FloatVector mv = FloatVector.fromArray(S, mi, j).mul(b1).add(gv.mul(c1));
            FloatVector vv = FloatVector.fromArray(S, vi, j).mul(b2).add(gv.mul(c2).mul(gv));
            mv.intoArray(mi, j);
            vv.intoArray(vi, j);
            FloatVector denom = vv.lanewise(VectorOperators.SQRT).div(bc2Sqrt).add(eps);
            wv.add(mv.div(denom).mul(stepSize)).intoArray(w, j);
        }
        for (; j < n; j++) {
            float wj = w[j];
            float gj = g[j];
            if (applyL2) {
                gj = gj + wj * l2;
            }
            if (applyDecay) {
                wj = wj * decay;
            }
            float mj = mi[j] * b1 + gj * c1;
            float vj = vi[j] * b2 + gj * c2 * gj;
            mi[j] = mj;
            vi[j] = vj;
            float denom = (float) Math.sqrt(vj) / bc2Sqrt + eps;
            w[j] = wj + mj / denom * stepSize;
        }
    }
}
