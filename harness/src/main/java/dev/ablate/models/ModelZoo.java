package dev.ablate.models;

import dev.ablate.nn.BatchNorm1d;
import dev.ablate.nn.BatchNorm2d;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Dropout;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.MaxPool2d;
import dev.ablate.nn.Network;
import dev.ablate.nn.ReLU;
import dev.ablate.nn.Tanh;
import dev.ablate.spec.ModelConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds networks from a {@link ModelConfig} and the shape of one example ({@code [d]} for tabular data,
 * {@code [C, H, W]} for images).
 *
 * <ul>
 *   <li>{@code logreg}: a single {@code Linear} {@code fc1} (multinomial logistic regression); {@code hidden}
 *       must be empty.</li>
 *   <li>{@code mlp}: per entry of {@code hidden}: {@code fcK -> [bnK BatchNorm1d] -> relu|tanh ->
 *       [dropoutK]}, then the output {@code Linear}. BatchNorm sits between the Linear and its activation
 *       when {@code batchNorm} is set; dropout follows each hidden activation when {@code dropout > 0}.</li>
 *   <li>{@code lenet-300-100}: the MLP {@code in-300-100-classes} with ReLU (LeCun et al. 1998; the pruning
 *       baseline of Han et al. 2015).</li>
 *   <li>{@code lenet-5}: Caffe's variant ({@code examples/mnist/lenet_train_test.prototxt}): {@code conv1}
 *       20@5x5 -> {@code pool1} max 2x2/2 -> {@code conv2} 50@5x5 -> {@code pool2} max 2x2/2 -> flatten ->
 *       {@code fc1} 500 -> ReLU -> {@code fc2}; no activation after the convolutions, as in Caffe.</li>
 *   <li>{@code cnn-bn}: three blocks {@code convK} 3x3 pad 1 -> {@code bnK} BatchNorm2d -> ReLU ->
 *       {@code poolK} max 2x2/2 with 32, 64 and 128 channels, then flatten -> {@code fc1} to the classes.</li>
 * </ul>
 * Every architecture starts with a {@code Flatten} when it needs flat input and the example shape has more
 * than one dimension, so {@link Network#inputShape()} is always the data's example shape. {@code hidden} and
 * {@code activation} are ignored by the fixed architectures; {@code dropout} and {@code batchNorm} apply to
 * {@code mlp} only and are rejected elsewhere rather than silently ignored. {@code width} scales every hidden
 * width and channel count ({@link ModelConfig#scaled}; the classifier keeps one output per class), so
 * {@code width: 0.5} is the half-width student of a distillation study. Initialisation is PyTorch's
 * default ({@link Linear#resetParameters}, {@link Conv2d#resetParameters}; BatchNorm weight 1, bias 0) from
 * one {@link SplittableRandom} seeded with {@code seed}, layer by layer, so the same config, shape and seed
 * give bit-identical networks.
 */
public final class ModelZoo {

    /** Architecture names {@link #build} accepts. */
    public static final List<String> ARCHITECTURES = Arrays.stream(Architecture.values()).map(Architecture::specName)
            .toList();

    private ModelZoo() {
    }

    /**
     * @param cfg          the model block
     * @param exampleShape one example's shape: {@code [d]} or {@code [C, H, W]}
     * @param classCount   number of output logits
     * @param seed         seed of the initialisation generator
     * @throws IllegalArgumentException for an unknown architecture (the message lists the valid ones), an
     *                                  unsupported activation, hidden layers on {@code logreg}, dropout or
     *                                  batch norm on a fixed architecture, a size below 1, or a convolutional
     *                                  architecture given a non-image shape or images too small for it
     */
    public static Network build(ModelConfig cfg, int[] exampleShape, int classCount, long seed) {
        if (exampleShape.length == 0 || Arrays.stream(exampleShape).anyMatch(d -> d < 1) || classCount < 1) {
            throw new IllegalArgumentException("exampleShape=" + Arrays.toString(exampleShape) + " and classCount="
                    + classCount + " must have sizes of at least 1");
        }
        Architecture arch = Architecture.of(cfg.arch());
        if (arch != Architecture.MLP && (cfg.dropout() != 0 || cfg.batchNorm())) {
            throw new IllegalArgumentException("model.dropout/model.batch_norm: only mlp takes them, but " + cfg.arch()
                    + " was given dropout=" + cfg.dropout() + ", batchNorm=" + cfg.batchNorm());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        switch (arch) {
            case LOGREG -> {
                if (!cfg.hidden().isEmpty()) {
                    throw new IllegalArgumentException("model.hidden: logreg has no hidden layers, got " + cfg.hidden());
                }
                mlp(layers, exampleShape, List.of(), "relu", 0, false, classCount, rng);
            }
            case MLP -> {
                if (!"relu".equals(cfg.activation()) && !"tanh".equals(cfg.activation())) {
                    throw new IllegalArgumentException("model.activation: unsupported activation '" + cfg.activation()
                            + "' for mlp (supported: relu, tanh)");
                }
                if (cfg.hidden().stream().anyMatch(w -> w < 1)) {
                    throw new IllegalArgumentException("model.hidden: widths must be at least 1, got " + cfg.hidden());
                }
                mlp(layers, exampleShape, cfg.hidden().stream().map(cfg::scaled).toList(), cfg.activation(),
                        cfg.dropout(), cfg.batchNorm(), classCount, rng);
            }
            case LENET_300_100 -> mlp(layers, exampleShape, List.of(cfg.scaled(300), cfg.scaled(100)), "relu", 0,
                    false, classCount, rng);
            case LENET_5 -> lenet5(layers, image(cfg.arch(), exampleShape), cfg, classCount, rng);
            case CNN_BN -> cnnBn(layers, image(cfg.arch(), exampleShape), cfg, classCount, rng);
        }
        return new Network(layers);
    }

    private static int[] image(String arch, int[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("model.arch: " + arch + " needs image examples of shape [C, H, W], but"
                    + " the data's examples have shape " + Arrays.toString(shape));
        }
        return shape;
    }

    private static void mlp(List<Layer> layers, int[] shape, List<Integer> hidden, String activation, double dropout,
                            boolean batchNorm, int classCount, SplittableRandom rng) {
        int in = 1;
        for (int d : shape) {
            in = Math.multiplyExact(in, d);
        }
        if (shape.length > 1) {
            layers.add(new Flatten(shape));
        }
        int index = 1;
        for (int width : hidden) {
            if (width < 1) {
                throw new IllegalArgumentException("model.hidden: widths must be at least 1, got " + hidden);
            }
            int k = index++;
            layers.add(linear("fc" + k, in, width, rng));
            if (batchNorm) {
                layers.add(new BatchNorm1d("bn" + k, width));
            }
            layers.add("tanh".equals(activation) ? new Tanh(width) : new ReLU(width));
            if (dropout > 0) {
                layers.add(new Dropout("dropout" + k, width, dropout));
            }
            in = width;
        }
        layers.add(linear("fc" + index, in, classCount, rng));
    }

    private static void lenet5(List<Layer> layers, int[] shape, ModelConfig cfg, int classCount,
                               SplittableRandom rng) {
        int[] s = shape;
        s = add(layers, conv("conv1", s, cfg.scaled(20), 5, 0, rng));
        s = add(layers, new MaxPool2d("pool1", s[0], s[1], s[2], 2, 2));
        s = add(layers, conv("conv2", s, cfg.scaled(50), 5, 0, rng));
        s = add(layers, new MaxPool2d("pool2", s[0], s[1], s[2], 2, 2));
        layers.add(new Flatten(s));
        int flat = s[0] * s[1] * s[2];
        int hidden = cfg.scaled(500);
        layers.add(linear("fc1", flat, hidden, rng));
        layers.add(new ReLU(hidden));
        layers.add(linear("fc2", hidden, classCount, rng));
    }

    private static void cnnBn(List<Layer> layers, int[] shape, ModelConfig cfg, int classCount,
                              SplittableRandom rng) {
        int[] s = shape;
        int[] widths = {32, 64, 128};
        for (int b = 0; b < widths.length; b++) {
            int k = b + 1;
            s = add(layers, conv("conv" + k, s, cfg.scaled(widths[b]), 3, 1, rng));
            s = add(layers, new BatchNorm2d("bn" + k, s[0], s[1], s[2]));
            layers.add(new ReLU(s[0] * s[1] * s[2]));
            s = add(layers, new MaxPool2d("pool" + k, s[0], s[1], s[2], 2, 2));
        }
        layers.add(new Flatten(s));
        layers.add(linear("fc1", s[0] * s[1] * s[2], classCount, rng));
    }

    private static int[] add(List<Layer> layers, Layer l) {
        layers.add(l);
        return l.outputShape();
    }

    private static Conv2d conv(String name, int[] s, int out, int kernel, int padding, SplittableRandom rng) {
        if (s[1] + 2 * padding < kernel || s[2] + 2 * padding < kernel) {
            throw new IllegalArgumentException("model.arch: images of shape " + Arrays.toString(s) + " at " + name
                    + " are too small for its " + kernel + "x" + kernel + " kernel");
        }
        Conv2d c = new Conv2d(name, s[0], s[1], s[2], out, kernel, 1, padding);
        c.resetParameters(rng);
        return c;
    }

    private static Linear linear(String name, int in, int out, SplittableRandom rng) {
        Linear l = new Linear(name, in, out);
        l.resetParameters(rng);
        return l;
    }
}
