package dev.ablate.compress.prune;

import dev.ablate.spec.Descriptor;
import dev.ablate.spec.SchemaNode;
import java.util.Arrays;
import java.util.Map;

/** The pruning schedules a spec names ({@code compress.prune.schedule}), with the keys each takes. */
public enum ScheduleKind implements Descriptor {
    /** Prune to the target once, then fine-tune. */
    ONE_SHOT("one-shot", "prune to the target once, then fine-tune finetune_epochs", Map.of()),
    /** Prune and fine-tune in rounds towards the target (Han et al. 2015). */
    ITERATIVE("iterative", "prune and fine-tune in rounds, each reaching a larger share of the target (Han et al. "
            + "2015)", Descriptor.keys("rounds", Keys.ROUNDS)),
    /** Raise the sparsity along a cubic ramp during fine-tuning (Zhu and Gupta 2017). */
    GRADUAL("gradual", "raise the sparsity along a cubic ramp from initial_sparsity during fine-tuning, every "
            + "frequency steps (Zhu and Gupta 2017)", Descriptor.keys(
            "initial_sparsity", new SchemaNode.Real(0, false, 1, true, 0.0),
            "ramp_fraction", new SchemaNode.Real(0, true, 1, false, 0.75),
            "frequency", new SchemaNode.Int(1, 1 << 30, 100L))),
    /** Iterative pruning that rewinds the survivors to their early weights (Frankle and Carbin 2019). */
    LOTTERY("lottery", "iterative magnitude pruning that rewinds the surviving weights to those of rewind_epoch, or "
            + "re-initialises them (Frankle and Carbin 2019)", Descriptor.keys("rounds", Keys.ROUNDS,
            "rewind_epoch", new SchemaNode.Int(0, 10_000, 0L),
            "reinit", new SchemaNode.Bool(false)));

    private final String specName;
    private final String description;
    private final Map<String, SchemaNode> keys;

    ScheduleKind(String specName, String description, Map<String, SchemaNode> keys) {
        this.specName = specName;
        this.description = description;
        this.keys = keys;
    }

    /**
     * The schedule a spec spells {@code name}.
     *
     * @throws IllegalArgumentException naming the valid ones
     */
    public static ScheduleKind of(String name) {
        return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("prune.schedule: unknown schedule '" + name
                        + "' (valid: " + String.join(", ", PruningProcedure.SCHEDULES) + ")"));
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

    /** Keys two schedules share. */
    private static final class Keys {
        static final SchemaNode.Int ROUNDS = new SchemaNode.Int(1, 100, 3L);
    }
}
