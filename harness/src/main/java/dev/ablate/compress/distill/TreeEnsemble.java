package dev.ablate.compress.distill;

import dev.ablate.spec.Descriptor;
import dev.ablate.spec.SchemaNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The Tribuo tree ensembles a distillation teacher may be ({@code compress.distill.teacher.model.arch}), with the
 * {@code model} keys they take; {@link Teachers} trains them.
 */
public enum TreeEnsemble implements Descriptor {
    /** Tribuo's random forest of CART trees. */
    RANDOM_FOREST(Teachers.RANDOM_FOREST, "Tribuo's random forest: trees CART trees of depth at most max_depth on "
            + "bootstrap samples, sqrt(d) features per split, probabilities averaged over the trees"),
    /** Tribuo's XGBoost gradient-boosted trees. */
    XGBOOST(Teachers.XGBOOST, "Tribuo's XGBoost: trees boosting rounds of depth at most max_depth, hist method, "
            + "XGBoost's defaults otherwise");

    private static final Map<String, SchemaNode> KEYS = Descriptor.keys(
            "trees", new SchemaNode.Int(1, 100_000, 100L),
            "max_depth", new SchemaNode.Int(1, 64, 6L));

    private final String specName;
    private final String description;

    TreeEnsemble(String specName, String description) {
        this.specName = specName;
        this.description = description;
    }

    /** The ensemble a spec spells {@code name}, or empty when it names none (a network, say). */
    public static Optional<TreeEnsemble> of(String name) {
        return Arrays.stream(values()).filter(e -> e.specName.equals(name)).findFirst();
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
        return KEYS;
    }
}
