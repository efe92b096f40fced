package dev.ablate.compress.precision;

import java.util.Objects;

/**
 * The loss-scale state of one training run. Dynamic scaling follows PyTorch's
 * {@code torch.cuda.amp.GradScaler} with {@code backoff_factor = 0.5} and {@code growth_factor = 2}: a step whose
 * scaled gradients overflowed is skipped and halves the scale; after {@code growthInterval} consecutive steps
 * without overflow the scale doubles (and the count restarts), so a skipped step also restarts it. The scale
 * is not bounded, as in PyTorch. Static and no scaling never skip and never change the scale. Not thread-safe.
 */
final class LossScaler {

    private static final float BACKOFF = 0.5f;
    private static final float GROWTH = 2f;

    private final LossScaling mode;
    private final int growthInterval;
    private float scale;
    private int cleanSteps;
    private long steps;
    private long overflowSteps;
    private long skippedSteps;

    /**
     * @param mode           none, static or dynamic
     * @param initialScale   the static scale or the dynamic one's start; ignored (1) for {@link LossScaling#NONE}
     * @param growthInterval clean steps before a dynamic scale doubles, at least 1
     */
    LossScaler(LossScaling mode, float initialScale, int growthInterval) {
        this.mode = Objects.requireNonNull(mode, "mode");
        if (!(initialScale > 0) || Float.isInfinite(initialScale) || growthInterval < 1) {
            throw new IllegalArgumentException("bad loss scaling: scale=" + initialScale + " growth_interval="
                    + growthInterval);
        }
        this.scale = mode == LossScaling.NONE ? 1f : initialScale;
        this.growthInterval = growthInterval;
    }

    /** The factor the current step's loss gradient is multiplied by. */
    float scale() {
        return scale;
    }

    /**
     * Records whether the current step's scaled gradients overflowed and adapts the scale for the next step.
     *
     * @return whether the update goes ahead
     */
    boolean update(boolean overflow) {
        steps++;
        if (overflow) {
            overflowSteps++;
        }
        if (mode != LossScaling.DYNAMIC) {
            return true;
        }
        if (overflow) {
            skippedSteps++;
            scale *= BACKOFF;
            cleanSteps = 0;
            return false;
        }
        if (++cleanSteps == growthInterval) {
            scale *= GROWTH;
            cleanSteps = 0;
        }
        return true;
    }

    /** The counters so far and the scale the next step uses. */
    PrecisionStats stats() {
        return new PrecisionStats(steps, overflowSteps, skippedSteps, scale);
    }
}
