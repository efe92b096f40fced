package dev.ablate.compress.prune;

/**
 * Zhu &amp; Gupta's (2017, eq. 1) gradual pruning ramp with {@code t0 = 0}:
 * {@code s_t = s_f + (s_i − s_f)(1 − t/(nΔt))³}, held at {@code s_f} from step {@code nΔt} on. It prunes fast
 * while the network is redundant and slowly as the target nears.
 *
 * @param initial   {@code s_i}, the sparsity at step 0
 * @param target    {@code s_f}, the final sparsity, at least {@code initial}
 * @param rampSteps {@code nΔt}, the steps the ramp takes, at least 1
 */
public record CubicSparsitySchedule(double initial, double target, long rampSteps) {

    public CubicSparsitySchedule {
        if (!(initial >= 0 && initial <= target && target < 1) || rampSteps < 1) {
            throw new IllegalArgumentException("need 0 <= initial=" + initial + " <= target=" + target
                    + " < 1 and ramp steps=" + rampSteps + " >= 1");
        }
    }

    /** The sparsity at step {@code step} (0-based); {@code target} once the ramp is over. */
    public double at(long step) {
        double remaining = 1 - Math.min(1.0, Math.max(0, step) / (double) rampSteps);
        return target + (initial - target) * remaining * remaining * remaining;
    }
}
