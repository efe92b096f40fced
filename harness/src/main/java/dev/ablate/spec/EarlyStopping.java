package dev.ablate.spec;

import java.util.Objects;

/**
 * Early stopping on the validation split ({@code train.early_stopping}): training stops when the monitored
 * metric has not improved by more than {@code minDelta} for {@code patience} epochs, and the weights of the
 * best epoch are restored.
 *
 * @param patience epochs without improvement before stopping (at least 1)
 * @param monitor  {@code val_loss} (lower is better) or {@code val_accuracy} (higher is better)
 * @param minDelta smallest change that counts as an improvement
 */
public record EarlyStopping(int patience, String monitor, double minDelta) {
    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        if (patience < 1 || minDelta < 0) {
            throw new IllegalArgumentException("bad early stopping: patience=" + patience + " min_delta=" + minDelta);
        }
    }
}
