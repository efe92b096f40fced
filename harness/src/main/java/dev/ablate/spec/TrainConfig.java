package dev.ablate.spec;

import java.util.Objects;

/**
 * The {@code train:} block of a trial: mini-batch SGD with PyTorch semantics.
 *
 * @param epochs      passes over the training split
 * @param batch       mini-batch size
 * @param optimizer   optimizer name ({@code sgd})
 * @param lr          learning rate
 * @param momentum    SGD momentum (PyTorch form: {@code v = m*v + g; w -= lr*v})
 * @param weightDecay L2 penalty added to the gradient ({@code g += wd*w}) of every parameter, biases
 *                    included, as PyTorch's {@code SGD(weight_decay=...)} does
 */
public record TrainConfig(int epochs, int batch, String optimizer, double lr, double momentum, double weightDecay) {
    public TrainConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        if (epochs < 0 || batch < 1 || !(lr > 0) || momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("bad train config: epochs=" + epochs + " batch=" + batch
                    + " lr=" + lr + " momentum=" + momentum + " weight_decay=" + weightDecay);
        }
    }
}
