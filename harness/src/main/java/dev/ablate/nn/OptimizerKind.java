package dev.ablate.nn;

import dev.ablate.spec.Descriptor;
import dev.ablate.spec.SchemaNode;
import dev.ablate.spec.TrainConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The optimizers a spec names ({@code train.optimizer}), with the keys each takes and the optimizer it builds. */
public enum OptimizerKind implements Descriptor {
    /** Stochastic gradient descent with momentum (PyTorch's SGD). */
    SGD("sgd", "stochastic gradient descent with (optionally Nesterov) momentum and L2 weight decay, as torch.optim.SGD",
            Descriptor.keys("momentum", new SchemaNode.Real(0, false, 1, true, 0.9),
                    "nesterov", new SchemaNode.Bool(false))) {
        @Override
        public Optimizer create(TrainConfig cfg, List<Parameter> params) {
            return new Sgd(params, cfg.lr(), cfg.momentum(), cfg.nesterov(), cfg.weightDecay());
        }
    },
    /** Adam with L2 weight decay. */
    ADAM("adam", "Adam with L2 weight decay added to the gradient, as torch.optim.Adam", Moments.KEYS) {
        @Override
        public Optimizer create(TrainConfig cfg, List<Parameter> params) {
            return new Adam(params, cfg.lr(), cfg.beta1(), cfg.beta2(), cfg.eps(), cfg.weightDecay());
        }
    },
    /** Adam with decoupled weight decay. */
    ADAMW("adamw", "Adam with decoupled weight decay, as torch.optim.AdamW", Moments.KEYS) {
        @Override
        public Optimizer create(TrainConfig cfg, List<Parameter> params) {
            return new AdamW(params, cfg.lr(), cfg.beta1(), cfg.beta2(), cfg.eps(), cfg.weightDecay());
        }
    };

    private final String specName;
    private final String description;
    private final Map<String, SchemaNode> keys;

    OptimizerKind(String specName, String description, Map<String, SchemaNode> keys) {
        this.specName = specName;
        this.description = description;
        this.keys = keys;
    }

    /**
     * The optimizer over {@code params} with the config's hyper-parameters.
     *
     * @throws IllegalArgumentException if the settings are invalid for it (e.g. Nesterov without momentum)
     */
    public abstract Optimizer create(TrainConfig cfg, List<Parameter> params);

    /**
     * The optimizer a spec spells {@code name}.
     *
     * @throws IllegalArgumentException naming the valid ones
     */
    public static OptimizerKind of(String name) {
        return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("train.optimizer: unknown optimizer '" + name
                        + "' (expected one of " + String.join(", ", Optimizer.NAMES) + ")"));
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

    /** The keys the two Adam variants share. */
    private static final class Moments {
        static final Map<String, SchemaNode> KEYS = Descriptor.keys(
                "betas", new SchemaNode.ListOf(new SchemaNode.Real(0, false, 1, true, null), 2, 2,
                        SchemaNode.JSON.arrayNode().add(0.9).add(0.999)),
                "eps", new SchemaNode.Real(0, true, 1, false, 1.0e-8));
    }
}
