package dev.ablate.spec;

import java.util.List;
import java.util.Objects;

/**
 * The {@code model:} block of a trial.
 *
 * @param arch       architecture name from the model zoo (e.g. {@code mlp})
 * @param hidden     hidden-layer widths, input to output; empty for a linear classifier
 * @param activation activation between hidden layers ({@code relu})
 */
public record ModelConfig(String arch, List<Integer> hidden, String activation) {
    public ModelConfig {
        Objects.requireNonNull(arch, "arch");
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(activation, "activation");
    }
}
