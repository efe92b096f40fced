package dev.ablate.run;

import java.time.Duration;
import java.util.Map;

/**
 * What a sweep did.
 *
 * @param planned         trials in the plan
 * @param alreadyDone     trials skipped because their rows already existed
 * @param ok              trials that ran and finished ok
 * @param failed          trials that ran and failed
 * @param diverged        trials that ran and diverged
 * @param stagesRun       stage nodes computed on the executors, by kind
 * @param stagesReused    stage nodes whose artifact was already stored, by kind (not recomputed)
 * @param wall            wall time of the sweep on the driver
 * @param partFiles       Parquet part files written
 */
public record SweepSummary(int planned, int alreadyDone, int ok, int failed, int diverged,
                           Map<StageKind, Integer> stagesRun,
                           Map<StageKind, Integer> stagesReused, Duration wall, int partFiles) {
    public SweepSummary {
        stagesRun = Map.copyOf(stagesRun);
        stagesReused = Map.copyOf(stagesReused);
    }

    /** Trials that ran in this invocation. */
    public int ran() {
        return ok + failed + diverged;
    }
}
