package dev.ablate.results;

import static dev.ablate.results.Column.float64;
import static dev.ablate.results.Column.int32;
import static dev.ablate.results.Column.int64;
import static dev.ablate.results.Column.string;

import java.util.List;

/**
 * The {@code curves} table: training curves in long format, one row per trial, training
 * stage, epoch and metric. A stage shared by several trials (their common baseline) appears under each of
 * them, so {@code SELECT … FROM curves WHERE trial_id = …} gives a trial's whole history.
 */
public final class CurvesTable {

    public static final Column<String> EXPERIMENT = string("experiment");
    public static final Column<String> TRIAL_ID = string("trial_id");
    /** {@code train}, {@code prune} for fine-tuning after pruning, or {@code quantize} for QAT fine-tuning. */
    public static final Column<String> STAGE = string("stage");
    public static final Column<String> STAGE_KEY = string("stage_key");
    /** 1-based epoch. */
    public static final Column<Integer> EPOCH = int32("epoch");
    /** Optimizer steps taken by the end of the epoch. */
    public static final Column<Long> STEP = int64("step");
    /** {@code train_loss}, {@code train_accuracy}, {@code val_loss}, {@code val_accuracy}, {@code lr}, {@code epoch_seconds}. */
    public static final Column<String> METRIC = string("metric");
    public static final Column<Double> VALUE = float64("value");

    /** The table. */
    public static final TableSchema SCHEMA = new TableSchema("curves",
            List.of(EXPERIMENT, TRIAL_ID, STAGE, STAGE_KEY, EPOCH, STEP, METRIC, VALUE));

    private CurvesTable() {
    }
}
