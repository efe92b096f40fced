package dev.ablate.nn;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * How a {@link Trainer} run departs from plain training: what it minimizes, what runs around each step, and
 * after how many epochs it stops.
 *
 * @param objective   makes the loss from the class count; {@link Objective#crossEntropy} by default
 * @param stepHook    callbacks around every step
 * @param epochLimit  stop after this many epochs although the config (and its learning-rate schedule) runs
 *                    longer; this is how a run reproduces an early point of a longer one (lottery-ticket
 *                    rewinding). {@code Integer.MAX_VALUE} for no limit
 */
public record TrainingHooks(IntFunction<Objective> objective, StepHook stepHook, int epochLimit) {

    /** Plain training: cross-entropy, no hook, no limit. */
    public static final TrainingHooks NONE = new TrainingHooks(Objective::crossEntropy, StepHook.NONE, Integer.MAX_VALUE);

    public TrainingHooks {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(stepHook, "stepHook");
        if (epochLimit < 0) {
            throw new IllegalArgumentException("epoch limit must not be negative, got " + epochLimit);
        }
    }

    /** These hooks minimizing {@code objective} instead. */
    public TrainingHooks withObjective(Objective objective) {
        Objects.requireNonNull(objective, "objective");
        return new TrainingHooks(classes -> objective, stepHook, epochLimit);
    }

    /** These hooks with {@code hook} around every step instead. */
    public TrainingHooks withStepHook(StepHook hook) {
        return new TrainingHooks(objective, hook, epochLimit);
    }

    /** These hooks stopping after {@code epochs} epochs. */
    public TrainingHooks withEpochLimit(int epochs) {
        return new TrainingHooks(objective, stepHook, epochs);
    }
}
