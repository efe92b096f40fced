package dev.ablate.nn;

/**
 * Callbacks around each optimizer step of a {@link Trainer} run, for training procedures that act between
 * the passes: low-precision training (casting weights before the forward pass, loss scaling, skipping an
 * update whose gradients overflowed, rounding weights after it) and gradual pruning (growing the masks every
 * few steps). Steps are counted from 0 over the whole run; a skipped update still counts as a step.
 *
 * <p>The order within one step is: {@link #beforeForward}, forward pass and loss, the loss gradient times
 * {@link #lossScale()}, backward pass, {@link #beforeUpdate} (which may veto the update), gradient clipping,
 * the optimizer's update, {@link #afterUpdate}. A hook is bound to the network it was made for.
 */
public interface StepHook {

    /** A hook that does nothing. */
    StepHook NONE = new StepHook() {
    };

    /** Before the forward pass of step {@code step}. */
    default void beforeForward(long step) {
    }

    /** Factor the loss gradient is multiplied by before the backward pass (1: no loss scaling). */
    default float lossScale() {
        return 1f;
    }

    /**
     * After the backward pass, before clipping and the update.
     *
     * @return whether the optimizer should update; {@code false} skips this step's update
     */
    default boolean beforeUpdate(long step) {
        return true;
    }

    /** After the optimizer's update of step {@code step}. */
    default void afterUpdate(long step) {
    }
}
