package dev.ablate.run;

import java.util.Locale;

/** The kinds of stage a trial is split into (DESIGN.md §1.3). */
public enum StageKind {
    /** Train the uncompressed model from scratch. */
    TRAIN,
    /** Prune a trained model (and fine-tune it with the mask). */
    PRUNE,
    /** Quantize a model after training. */
    QUANTIZE,
    /** Evaluate a model on the test split. */
    EVALUATE;

    /** Lower-case name used in keys and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
