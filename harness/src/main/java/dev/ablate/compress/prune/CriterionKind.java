package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.spec.Descriptor;
import dev.ablate.spec.PruneConfig;
import dev.ablate.spec.SchemaNode;
import java.util.Arrays;
import java.util.Map;

/** The pruning criteria a spec names ({@code compress.prune.criterion}), with the keys each takes. */
public enum CriterionKind implements Descriptor {
    /** |w| (Han et al. 2015). */
    MAGNITUDE("magnitude", "the weight's magnitude |w| (Han et al. 2015)", Map.of()) {
        @Override
        PruningCriterion create(PruneConfig cfg, Dataset train, int batchSize, long seed) {
            return new MagnitudeCriterion(cfg.norm());
        }
    },
    /** Random scores: the control every criterion should beat. */
    RANDOM("random", "uniform random scores: the control a criterion has to beat", Map.of()) {
        @Override
        PruningCriterion create(PruneConfig cfg, Dataset train, int batchSize, long seed) {
            return new RandomCriterion(seed);
        }
    },
    /** First-order Taylor estimate of the loss change, |w·∂L/∂w| (Molchanov et al. 2019). */
    TAYLOR("taylor", "the first-order Taylor estimate |w·dL/dw| of the loss change, over gradient_batches training "
            + "batches (Molchanov et al. 2019)", Descriptor.keys("gradient_batches",
            new SchemaNode.Int(1, 1 << 20, 16L))) {
        @Override
        PruningCriterion create(PruneConfig cfg, Dataset train, int batchSize, long seed) {
            return new TaylorCriterion(train, cfg.gradientBatches(), batchSize, seed);
        }
    };

    private final String specName;
    private final String description;
    private final Map<String, SchemaNode> keys;

    CriterionKind(String specName, String description, Map<String, SchemaNode> keys) {
        this.specName = specName;
        this.description = description;
        this.keys = keys;
    }

    /** The criterion; see {@link PruningCriterion#of}. */
    abstract PruningCriterion create(PruneConfig cfg, Dataset train, int batchSize, long seed);

    /**
     * The criterion a spec spells {@code name}.
     *
     * @throws IllegalArgumentException naming the valid ones
     */
    public static CriterionKind of(String name) {
        return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("prune.criterion: unknown criterion '" + name
                        + "' (valid: " + String.join(", ", PruningCriterion.NAMES) + ")"));
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
}
