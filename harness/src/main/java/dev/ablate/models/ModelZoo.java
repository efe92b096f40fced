package dev.ablate.models;

import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.ReLU;
import dev.ablate.spec.ModelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds networks from a {@link ModelConfig}.
 *
 * <ul>
 *   <li>{@code mlp}: {@code Linear -> ReLU -> ... -> Linear}, one hidden layer per entry of
 *       {@code hidden}; activation must be {@code relu}.</li>
 *   <li>{@code logreg}: a single {@code Linear} (multinomial logistic regression); {@code hidden} must be
 *       empty.</li>
 * </ul>
 * Linear layers are named {@code fc1, fc2, ...} from input to output. Initialisation is PyTorch's default
 * ({@link Linear#resetParameters}) from one {@link SplittableRandom} seeded with {@code seed}, layer by layer,
 * so the same config and seed give bit-identical networks.
 */
public final class ModelZoo {

    /** Architecture names {@link #build} accepts. */
    public static final List<String> ARCHITECTURES = List.of("logreg", "mlp");

    private ModelZoo() {
    }

    /**
     * @throws IllegalArgumentException for an unknown architecture (the message lists the valid ones), an
     *                                  unsupported activation, hidden layers on {@code logreg}, or a size
     *                                  below 1
     */
    public static Network build(ModelConfig cfg, int inputSize, int classCount, long seed) {
        if (inputSize < 1 || classCount < 1) {
            throw new IllegalArgumentException("inputSize=" + inputSize + " and classCount=" + classCount + " must be at least 1");
        }
        List<Integer> hidden = switch (cfg.arch()) {
            case "mlp" -> {
                if (!"relu".equals(cfg.activation())) {
                    throw new IllegalArgumentException("model.activation: unsupported activation '" + cfg.activation()
                            + "' for mlp (supported: relu)");
                }
                yield cfg.hidden();
            }
            case "logreg" -> {
                if (!cfg.hidden().isEmpty()) {
                    throw new IllegalArgumentException("model.hidden: logreg has no hidden layers, got " + cfg.hidden());
                }
                yield List.of();
            }
            default -> throw new IllegalArgumentException("model.arch: unknown architecture '" + cfg.arch()
                    + "' (valid: " + String.join(", ", ARCHITECTURES) + ")");
        };
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int in = inputSize;
        int index = 1;
        for (int width : hidden) {
            if (width < 1) {
                throw new IllegalArgumentException("model.hidden: widths must be at least 1, got " + hidden);
            }
            Linear fc = new Linear("fc" + index++, in, width);
            fc.resetParameters(rng);
            layers.add(fc);
            layers.add(new ReLU(width));
            in = width;
        }
        Linear head = new Linear("fc" + index, in, classCount);
        head.resetParameters(rng);
        layers.add(head);
        return new Network(layers);
    }
}
