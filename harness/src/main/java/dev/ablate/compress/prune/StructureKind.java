package dev.ablate.compress.prune;

import dev.ablate.spec.Descriptor;
import dev.ablate.spec.SchemaNode;
import java.util.Arrays;
import java.util.Map;

/** The pruning structures a spec names ({@code compress.prune.structure}), with the keys each takes. */
public enum StructureKind implements Descriptor {
    /** Single weights. */
    UNSTRUCTURED("unstructured", "single weights, anywhere", Map.of()),
    /** Whole output neurons of fully connected layers, removed physically afterwards. */
    NEURON("neuron", "whole output neurons of fully connected layers, scored by the norm-p of their weights' scores "
            + "and removed from the network", UnitNorm.KEYS),
    /** Whole output channels of convolutions, removed physically afterwards. */
    CHANNEL("channel", "whole output channels of convolutions, scored by the norm-p of their weights' scores and "
            + "removed from the network", UnitNorm.KEYS),
    /** All but N of every M consecutive weights (2:4 semi-structured sparsity). */
    N_OF_M("N:M", "all but N of every M consecutive weights of a row, e.g. 2:4 (NVIDIA's sparse tensor cores); the "
            + "sparsity must be 1 - N/M", Map.of()) {
        @Override
        public String pattern() {
            return "[1-9][0-9]*:[1-9][0-9]*";
        }
    };

    private final String specName;
    private final String description;
    private final Map<String, SchemaNode> keys;

    StructureKind(String specName, String description, Map<String, SchemaNode> keys) {
        this.specName = specName;
        this.description = description;
        this.keys = keys;
    }

    /**
     * The structure {@code text} spells; anything that is no other structure is taken for N:M, whose parser
     * rejects it with the list of valid structures.
     */
    static StructureKind of(String text) {
        return Arrays.stream(values()).filter(k -> k.accepts(text)).findFirst().orElse(N_OF_M);
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

    /** The {@code norm} key of the unit structures: the p of the Lp norm over a unit's weight scores. */
    private static final class UnitNorm {
        static final Map<String, SchemaNode> KEYS = Descriptor.keys("norm", new SchemaNode.Int(1, 2, 1L));
    }
}
