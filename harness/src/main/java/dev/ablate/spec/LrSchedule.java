package dev.ablate.spec;

import java.util.Objects;

/**
 * How the learning rate changes over training ({@code train.schedule}), stepped once per epoch as PyTorch's
 * schedulers usually are, after an optional linear warm-up.
 *
 * @param name         {@code none} (constant), {@code step} ({@code lr · gamma^floor(epoch / stepSize)}) or
 *                     {@code cosine} (from lr to {@code minLr} over the epochs after warm-up, as
 *                     {@code CosineAnnealingLR} with {@code T_max} = those epochs)
 * @param stepSize     epochs between decays ({@code step})
 * @param gamma        decay factor ({@code step})
 * @param warmupEpochs epochs of linear warm-up from {@code lr / (warmupEpochs + 1)} up to lr, stepped per batch
 * @param minLr        final learning rate ({@code cosine})
 */
public record LrSchedule(String name, int stepSize, double gamma, int warmupEpochs, double minLr) {
    /** A constant learning rate. */
    public static final LrSchedule CONSTANT = new LrSchedule("none", 1, 1.0, 0, 0.0);

    public LrSchedule {
        Objects.requireNonNull(name, "name");
        if (stepSize < 1 || !(gamma > 0) || warmupEpochs < 0 || minLr < 0) {
            throw new IllegalArgumentException("bad schedule: step_size=" + stepSize + " gamma=" + gamma
                    + " warmup_epochs=" + warmupEpochs + " min_lr=" + minLr);
        }
    }
}
