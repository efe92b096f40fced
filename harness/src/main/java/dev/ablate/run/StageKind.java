package dev.ablate.run;

import java.util.Locale;

/** The kinds of stage a trial is split into. */
public enum StageKind {
    /** Train a teacher of a distillation step and keep its soft targets. */
    TEACHER,
    /** Train the model from scratch in fp32 with cross-entropy: the trial's same-seed baseline. */
    TRAIN,
    /**
     * Train the model again from scratch, from the baseline's initialisation and data order, the way the trial
     * asks beyond the baseline: as a student of its teachers, in low precision, or both.
     */
    RETRAIN,
    /** Prune a trained model (and fine-tune it with the mask). */
    PRUNE,
    /** Quantize a model after training. */
    QUANTIZE,
    /** Evaluate a model on the test split: quality and the cost model (size, compute, energy). */
    EVALUATE,
    /** Time a model's inference on the executor, after every other stage of the sweep has finished. */
    LATENCY;

    /** Lower-case name used in keys and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
