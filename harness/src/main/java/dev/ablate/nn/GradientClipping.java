package dev.ablate.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;

/**
 * Gradient clipping by global L2 norm, as {@code torch.nn.utils.clip_grad_norm_(params, max_norm)}:
 * <pre>
 *   total_norm = sqrt(sum over all parameters and elements of grad^2)
 *   clip_coef  = max_norm / (total_norm + 1e-6)
 *   if clip_coef &lt; 1: grad *= clip_coef        (every gradient, by the same float32 factor)
 * </pre>
 * The norm is accumulated in double in a fixed element order, so it is deterministic and at least as accurate
 * as PyTorch's float32 reduction (the factor can differ from PyTorch's in the last float32 bit). Gradients of
 * masked entries are zeroed first ({@link Parameter#maskGradient()}), so pruned weights do not count. A
 * non-finite norm scales nothing: the loss check of the training loop reports the divergence.
 */
public final class GradientClipping {

    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;

    /** Added to the norm before dividing, as PyTorch does. */
    private static final double NORM_EPSILON = 1e-6;

    private GradientClipping() {
    }

    /**
     * Clips the gradients of {@code params} in place.
     *
     * @param params  the parameters whose gradients are clipped together
     * @param maxNorm the largest allowed global norm, positive
     * @return the global norm before clipping
     * @throws IllegalArgumentException if {@code maxNorm} is not positive and finite
     */
    public static double clipGradNorm(List<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clip_grad_norm must be positive and finite, got " + maxNorm);
        }
        double sum = 0;
        for (Parameter p : params) {
            p.maskGradient();
            for (float g : p.grad()) {
                sum += (double) g * g;
            }
        }
        double total = Math.sqrt(sum);
        double coef = maxNorm / (total + NORM_EPSILON);
        if (Double.isFinite(total) && coef < 1) {
            float c = (float) coef;
            for (Parameter p : params) {
                scale(p.grad(), c);
            }
        }
        return total;
    }

    private static void scale(float[] g, float c) {
        int n = g.length;
        int upper = S.loopBound(n);
        int j = 0;
        for (; j < upper; j += S.length()) {
            FloatVector.fromArray(S, g, j).mul(c).intoArray(g, j);
        }
        for (; j < n; j++) {
            g[j] *= c;
        }
    }
}
