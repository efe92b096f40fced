package dev.ablate.spec;

import java.util.List;
import java.util.Objects;

/**
 * The {@code model:} block of a trial.
 *
 * @param arch       architecture name from the model zoo ({@code logreg}, {@code mlp}, {@code lenet-300-100},
 *                   {@code lenet-5}, {@code cnn-bn})
 * @param hidden     hidden-layer widths of an {@code mlp}, input to output (ignored by fixed architectures)
 * @param activation activation between hidden layers of an {@code mlp} ({@code relu} or {@code tanh})
 * @param dropout    dropout probability after each hidden activation of an {@code mlp} (0 for none)
 * @param batchNorm  whether an {@code mlp} puts BatchNorm1d between each hidden layer and its activation
 * @param width      multiplies every hidden width and channel count (rounded, at least 1): {@code 0.5} is the
 *                   half-width student of a distillation study
 * @param trees      tree ensembles ({@code random-forest}, {@code xgboost}): number of trees; 0 for networks
 * @param maxDepth   tree ensembles: maximum tree depth; 0 for networks
 */
public record ModelConfig(String arch, List<Integer> hidden, String activation, double dropout, boolean batchNorm,
                          double width, int trees, int maxDepth) {
    public ModelConfig {
        Objects.requireNonNull(arch, "arch");
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "activation");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(width > 0) || trees < 0 || maxDepth < 0) {
            throw new IllegalArgumentException("bad model config: width=" + width + " trees=" + trees + " max_depth="
                    + maxDepth);
        }
    }

    /** A network at full width. */
    public ModelConfig(String arch, List<Integer> hidden, String activation, double dropout, boolean batchNorm) {
        this(arch, hidden, activation, dropout, batchNorm, 1.0, 0, 0);
    }

    /** {@code units} scaled by {@link #width()}: rounded half up, at least 1. */
    public int scaled(int units) {
        return Math.max(1, (int) Math.round(units * width));
    }

    /** A model without dropout or batch norm. */
    public ModelConfig(String arch, List<Integer> hidden, String activation) {
        this(arch, hidden, activation, 0.0, false);
    }
}
