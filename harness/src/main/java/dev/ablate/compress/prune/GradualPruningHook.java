package dev.ablate.compress.prune;

import dev.ablate.nn.Network;
import dev.ablate.nn.StepHook;

/**
 * Grows the masks during training along a {@link CubicSparsitySchedule} per layer: before the forward pass of
 * every {@code frequency}-th step of the ramp, and of its last step, the network is pruned to the schedule's
 * sparsity. Layers with an override ramp from {@code min(s_i, override)} to the override. Masks only grow.
 */
final class GradualPruningHook implements StepHook {

    private final Network net;
    private final Pruner pruner;
    private final SparsityTarget target;
    private final double initial;
    private final long rampSteps;
    private final int frequency;

    /**
     * @param net       the network being trained (the hook is bound to it)
     * @param target    the final sparsities
     * @param initial   {@code s_i}
     * @param rampSteps {@code nΔt}
     * @param frequency {@code Δt}, steps between mask updates
     */
    GradualPruningHook(Network net, Pruner pruner, SparsityTarget target, double initial, long rampSteps, int frequency) {
        this.net = net;
        this.pruner = pruner;
        this.target = target;
        this.initial = initial;
        this.rampSteps = rampSteps;
        this.frequency = frequency;
    }

    /** The target at step {@code step}. */
    SparsityTarget at(long step) {
        return target.map(s -> new CubicSparsitySchedule(Math.min(initial, s), s, rampSteps).at(step));
    }

    @Override
    public void beforeForward(long step) {
        if (step <= rampSteps && (step % frequency == 0 || step == rampSteps)) {
            pruner.prune(net, at(step));
        }
    }
}
