package dev.ablate.run;

import dev.ablate.results.Row;
import java.util.Map;

/** Hears about a sweep's progress on the driver (the CLI draws its progress bar from this). */
public interface SweepListener {

    /**
     * The sweep is about to run.
     *
     * @param toRun        trials that will run now
     * @param alreadyDone  trials skipped because the table already has them ({@code ok}, or any status
     *                     without {@code --retry-failed})
     * @param retried      earlier failed or diverged trials whose rows are being replaced
     * @param uniqueStages unique stage nodes by kind
     */
    default void started(int toRun, int alreadyDone, int retried, Map<StageKind, Integer> uniqueStages) {
    }

    /** A trial's row was produced ({@code done} of {@code total} so far, {@code failed} of them not ok). */
    default void trialFinished(Row row, int done, int total, int failed) {
    }

    /** Nothing more will happen. */
    default void finished(SweepSummary summary) {
    }

    /** A listener that ignores everything. */
    SweepListener NONE = new SweepListener() {
    };
}
