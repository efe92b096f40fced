package dev.ablate.models;

import dev.ablate.spec.Descriptor;
import dev.ablate.spec.SchemaNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The network architectures of the model zoo as a spec names them ({@code model.arch}), with the keys of
 * {@code model} each takes; {@link ModelZoo#build} builds them.
 */
public enum Architecture implements Descriptor {
    /** Multinomial logistic regression: one fully connected layer. */
    LOGREG("logreg", "multinomial logistic regression: one fully connected layer on the flattened input", Map.of()),
    /** A multilayer perceptron of chosen widths. */
    MLP("mlp", "a multilayer perceptron with hidden layers of the given widths, relu or tanh, optional dropout and "
            + "batch norm", Descriptor.keys(
            "hidden", new SchemaNode.ListOf(new SchemaNode.Int(1, 1 << 16, null), 0, 1 << 10,
                    SchemaNode.JSON.arrayNode().add(300L).add(100L)),
            "activation", new SchemaNode.Choice(List.of("relu", "tanh"), "relu"),
            "dropout", new SchemaNode.Real(0, false, 1, true, 0.0),
            "batch_norm", new SchemaNode.Bool(false),
            "width", Width.NODE)),
    /** LeNet-300-100 (LeCun et al. 1998; the Deep Compression baseline). */
    LENET_300_100("lenet-300-100", "LeNet-300-100: fully connected 300-100 with relu (LeCun et al. 1998)",
            Width.KEYS),
    /** LeNet-5 (LeCun et al. 1998), as Deep Compression trains it. */
    LENET_5("lenet-5", "LeNet-5: two 5x5 convolutions with max pooling, then 500 fully connected units", Width.KEYS),
    /** A small convolutional network with batch norm. */
    CNN_BN("cnn-bn", "a small convolutional network with batch normalization after every convolution", Width.KEYS);

    private final String specName;
    private final String description;
    private final Map<String, SchemaNode> keys;

    Architecture(String specName, String description, Map<String, SchemaNode> keys) {
        this.specName = specName;
        this.description = description;
        this.keys = keys;
    }

    /**
     * The architecture a spec spells {@code name}.
     *
     * @throws IllegalArgumentException naming the valid ones
     */
    public static Architecture of(String name) {
        return Arrays.stream(values()).filter(a -> a.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model.arch: unknown architecture '" + name
                        + "' (valid: " + String.join(", ", ModelZoo.ARCHITECTURES) + ")"));
    }

    @Override
    public String specName() {
        return specName;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, SchemaNode> keys() {
        return keys;
    }

    /** The {@code width} key every architecture with hidden units takes. */
    private static final class Width {
        static final SchemaNode.Real NODE = new SchemaNode.Real(0, true, 64, false, 1.0);
        static final Map<String, SchemaNode> KEYS = Descriptor.keys("width", NODE);
    }
}
