package dev.ablate.compress.precision;

import dev.ablate.nn.Parameter;
import dev.ablate.nn.StepHook;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The {@link StepHook} of low-precision training: keeps the weights in their format, casts the weight gradients,
 * and scales the loss. Per step (Micikevicius et al. 2018, "Mixed Precision Training", Figure 1):
 * <ol>
 *   <li>{@link #beforeForward}: the weights are cast to the weight format if they are not in it yet (the first
 *       step, and after an update of the fp32 master weights was skipped);</li>
 *   <li>{@link #lossScale}: the current scale, so the backward pass computes scaled gradients;</li>
 *   <li>{@link #beforeUpdate}: the scaled weight gradients are cast to the gradient format and checked for
 *       overflow there ({@link ScalarFormat#overflows}); the loss scaler decides whether the update goes ahead;
 *       with master weights the fp32 masters are put back in place for the optimizer; the gradients of an update
 *       that goes ahead are unscaled in fp32;</li>
 *   <li>{@link #afterUpdate}: with master weights the updated fp32 values are saved as the masters and the live
 *       weights cast; without, the updated weights are rounded to the format, which is where the update itself
 *       is rounded: with round-to-nearest an update below half a step is lost (Gupta et al. 2015).</li>
 * </ol>
 * Between steps, the validation pass included, the live weights are therefore in the weight format. Casting
 * keeps zero at zero, so pruned weights stay pruned. All stochastic rounding draws from the generator given at
 * construction, in parameter order. Not thread-safe; bound to the parameters it was made for.
 */
public final class PrecisionHook implements StepHook {

    private final List<Parameter> params;
    private final PrecisionPlan plan;
    private final SplittableRandom rng;
    private final LossScaler scaler;
    /** fp32 master copies, one per parameter; {@code null} without master weights or with fp32 weights. */
    private final float[][] masters;
    private boolean weightsInFormat;

    /**
     * @param params the parameters trained, as the optimizer sees them
     * @param plan   the formats, rounding and loss scaling
     * @param rng    the generator of every stochastic rounding this hook does
     */
    PrecisionHook(List<Parameter> params, PrecisionPlan plan, SplittableRandom rng) {
        this.params = List.copyOf(params);
        this.plan = Objects.requireNonNull(plan, "plan");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.scaler = new LossScaler(plan.lossScaling(), plan.lossScale(), plan.growthInterval());
        boolean keepMasters = plan.masterWeights() && !plan.weights().identity();
        this.masters = keepMasters ? new float[this.params.size()][] : null;
        if (keepMasters) {
            for (int i = 0; i < masters.length; i++) {
                masters[i] = new float[this.params.get(i).size()];
            }
        }
    }

    @Override
    public void beforeForward(long step) {
        if (!weightsInFormat) {
            castWeights();
        }
    }

    @Override
    public float lossScale() {
        return scaler.scale();
    }

    @Override
    public boolean beforeUpdate(long step) {
        float scale = scaler.scale();
        boolean update = scaler.update(castGradients());
        if (masters != null) {
            for (int i = 0; i < masters.length; i++) {
                System.arraycopy(masters[i], 0, params.get(i).data(), 0, masters[i].length);
            }
            weightsInFormat = false;
        }
        if (update && scale != 1f) {
            unscaleGradients(scale);
        }
        return update;
    }

    @Override
    public void afterUpdate(long step) {
        castWeights();
    }

    /** The loss-scaling counters so far and the current scale. */
    public PrecisionStats stats() {
        return scaler.stats();
    }

    /**
     * Leaves the weights in the weight format for deployment: casts them if the last update left fp32 values
     * (a skipped update of the fp32 masters); values already in the format, such as those an early-stopping
     * restore puts back, are kept. Training is over after this: the hook is not meant to be used again.
     */
    void finish() {
        if (!weightsInFormat) {
            castWeights();
        }
    }

    /** Saves the masters (when kept) and rounds the live weights to the weight format. */
    private void castWeights() {
        for (int i = 0; i < params.size(); i++) {
            float[] w = params.get(i).data();
            if (masters != null) {
                System.arraycopy(w, 0, masters[i], 0, w.length);
            }
            plan.weights().round(w, 0, w.length, plan.rounding(), rng);
        }
        weightsInFormat = true;
    }

    /** Rounds every weight gradient to the gradient format; returns whether any of them overflowed it. */
    private boolean castGradients() {
        ScalarFormat format = plan.gradients();
        boolean overflow = false;
        for (Parameter p : params) {
            float[] g = p.grad();
            for (float v : g) {
                overflow |= format.overflows(v);
            }
            format.round(g, 0, g.length, plan.rounding(), rng);
        }
        return overflow;
    }

    /** Multiplies the gradients by {@code 1/scale}, computed as GradScaler's {@code inv_scale} (double, then float). */
    private void unscaleGradients(float scale) {
        float inverse = (float) (1.0 / scale);
        for (Parameter p : params) {
            float[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] *= inverse;
            }
        }
    }
}
