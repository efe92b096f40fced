package dev.ablate.spec;

import java.util.Objects;

/**
 * The {@code train:} block of a trial, with PyTorch semantics throughout.
 *
 * @param epochs         passes over the training split (an upper bound when early stopping is on)
 * @param batch          mini-batch size
 * @param optimizer      {@code sgd}, {@code adam} or {@code adamw}
 * @param lr             base learning rate
 * @param momentum       SGD momentum ({@code v = m*v + g; w -= lr*v}, first step {@code v = g})
 * @param nesterov       SGD with Nesterov momentum ({@code w -= lr*(g + m*v)})
 * @param weightDecay    for {@code sgd}/{@code adam}: L2 penalty added to the gradient ({@code g += wd*w}) of
 *                       every parameter, biases included, as PyTorch does; for {@code adamw}: decoupled decay
 *                       ({@code w -= lr*wd*w})
 * @param beta1          Adam's first-moment decay
 * @param beta2          Adam's second-moment decay
 * @param eps            Adam's denominator term
 * @param schedule       learning-rate schedule
 * @param clipGradNorm   clip the global L2 norm of all gradients to this value before each step (0: off),
 *                       as {@code torch.nn.utils.clip_grad_norm_}
 * @param earlyStopping  early stopping on the validation split, or {@code null} for none
 */
public record TrainConfig(int epochs, int batch, String optimizer, double lr, double momentum, boolean nesterov,
                          double weightDecay, double beta1, double beta2, double eps, LrSchedule schedule,
                          double clipGradNorm, EarlyStopping earlyStopping) {
    public TrainConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (epochs < 0 || batch < 1 || !(lr > 0) || momentum < 0 || weightDecay < 0 || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || clipGradNorm < 0) {
            throw new IllegalArgumentException("bad train config: epochs=" + epochs + " batch=" + batch + " lr=" + lr
                    + " momentum=" + momentum + " weight_decay=" + weightDecay + " betas=" + beta1 + "," + beta2
                    + " eps=" + eps + " clip_grad_norm=" + clipGradNorm);
        }
    }

    /** Plain SGD with momentum, constant learning rate, no clipping or early stopping. */
    public TrainConfig(int epochs, int batch, String optimizer, double lr, double momentum, double weightDecay) {
        this(epochs, batch, optimizer, lr, momentum, false, weightDecay, 0.9, 0.999, 1e-8, LrSchedule.CONSTANT, 0.0,
                null);
    }

    /** The same settings with another number of epochs and learning rate (quantization-aware fine-tuning). */
    public TrainConfig withEpochsAndLr(int epochs, double lr) {
        return new TrainConfig(epochs, batch, optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2, eps, schedule,
                clipGradNorm, earlyStopping);
    }

    /** This config with {@code epochs} epochs (fine-tuning reuses a trial's settings for fewer epochs). */
    public TrainConfig withEpochs(int epochs) {
        return new TrainConfig(epochs, batch, optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2, eps, schedule,
                clipGradNorm, earlyStopping);
    }
}
