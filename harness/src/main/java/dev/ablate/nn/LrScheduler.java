package dev.ablate.nn;

import dev.ablate.spec.LrSchedule;

import java.util.List;
import java.util.Objects;

/**
 * The learning rate of every training step under an {@link LrSchedule}.
 *
 * <p>With {@code W = warmupEpochs}, {@code S} steps per epoch, 0-based epoch {@code e} and step {@code s}:
 * <ul>
 *   <li>warm-up ({@code e < W}), stepped per batch: {@code lr · (1 + k/S) / (W + 1)} with {@code k = e·S + s},
 *       i.e. linear from {@code lr / (W + 1)} at the first step towards lr, which the first step after warm-up
 *       reaches; at epoch boundaries it equals the per-epoch warm-up {@code lr · (e + 1) / (W + 1)};</li>
 *   <li>after warm-up, stepped per epoch with {@code e' = e - W} (the schedule starts counting when warm-up
 *       ends, as PyTorch's {@code SequentialLR} does):
 *     <ul>
 *       <li>{@code none}: lr;</li>
 *       <li>{@code step}: {@code lr · gamma^floor(e' / stepSize)} ({@code StepLR});</li>
 *       <li>{@code cosine}: {@code minLr + (lr - minLr) · (1 + cos(π e' / T)) / 2} with {@code T = epochs - W}
 *           ({@code CosineAnnealingLR}'s closed form with {@code T_max = T}; the last epoch trains at
 *           {@code e' = T - 1}, just above minLr).</li>
 *     </ul></li>
 * </ul>
 * Immutable.
 */
public final class LrScheduler {

    /** The schedule names {@code train.schedule.name} may hold. */
    public static final List<String> NAMES = List.of("none", "step", "cosine");

    private final LrSchedule schedule;
    private final double baseLr;
    private final int epochs;

    /**
     * @param schedule the schedule
     * @param baseLr   the base learning rate ({@code train.lr}), at least 0
     * @param epochs   epochs of the run, warm-up included (sets the cosine period), at least 0
     * @throws IllegalArgumentException if the schedule name is not one of {@link #NAMES}, or for a negative
     *                                  or non-finite base rate or negative epoch count
     */
    public LrScheduler(LrSchedule schedule, double baseLr, int epochs) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!NAMES.contains(schedule.name())) {
            throw new IllegalArgumentException("train.schedule: unknown schedule '" + schedule.name()
                    + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
        if (!(baseLr >= 0) || Double.isInfinite(baseLr) || epochs < 0) {
            throw new IllegalArgumentException("bad schedule arguments: lr=" + baseLr + " epochs=" + epochs);
        }
        this.baseLr = baseLr;
        this.epochs = epochs;
    }

    /**
     * The learning rate of one step.
     *
     * @param epoch         0-based epoch
     * @param step          0-based step within the epoch
     * @param stepsPerEpoch steps (batches) per epoch; 0 is treated as 1
     * @throws IllegalArgumentException if an argument is negative
     */
    public double learningRate(int epoch, int step, int stepsPerEpoch) {
        if (epoch < 0 || step < 0 || stepsPerEpoch < 0) {
            throw new IllegalArgumentException("bad schedule position: epoch=" + epoch + " step=" + step
                    + " steps_per_epoch=" + stepsPerEpoch);
        }
        int warmup = schedule.warmupEpochs();
        if (epoch < warmup) {
            double perEpoch = Math.max(stepsPerEpoch, 1);
            double k = (double) epoch * perEpoch + step;
            return baseLr * (1 + k / perEpoch) / (warmup + 1);
        }
        int e = epoch - warmup;
        return switch (schedule.name()) {
            case "none" -> baseLr;
            case "step" -> baseLr * Math.pow(schedule.gamma(), e / schedule.stepSize());
            case "cosine" -> {
                int period = epochs - warmup;
                if (period <= 0) {
                    yield baseLr; // no epoch trains after warm-up; only reached when asked beyond the run
                }
                double minLr = schedule.minLr();
                yield minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * e / period)) / 2;
            }
            default -> throw new IllegalStateException("unchecked schedule name " + schedule.name());
        };
    }
}
