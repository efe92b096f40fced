package dev.ablate.cli;

import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.run.StageGraph;
import dev.ablate.run.StageKind;
import dev.ablate.run.SweepListener;
import dev.ablate.run.SweepSummary;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The sweep's progress on stderr: trials done/total, failures and ETA. On a terminal one line redraws
 * itself; otherwise (CI logs, pipes) a line is printed at every tenth of the sweep. Failed trials are
 * named as they happen.
 */
final class ProgressBar implements SweepListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private long startNanos;
    private int lastDecile = -1;

    ProgressBar(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void started(int toRun, int alreadyDone, int retried, Map<StageKind, Integer> uniqueStages) {
        startNanos = System.nanoTime();
        if (quiet) {
            return;
        }
        if (alreadyDone > 0) {
            err.printf("%d trials already in the results: skipped.%n", alreadyDone);
        }
        if (retried > 0) {
            err.printf("%d failed or diverged trials will run again.%n", retried);
        }
        err.printf("Running %d trials: %s stages.%n", toRun, StageGraph.describe(uniqueStages));
        err.flush();
    }

    @Override
    public void trialFinished(Row row, int done, int total, int failed) {
        if (quiet) {
            return;
        }
        if (!TrialsTable.OK.equals(row.get(TrialsTable.STATUS))) {
            err.printf("%s%s trial %s %s: %s%n", terminal ? "\r\033[K" : "", row.get(TrialsTable.STATUS),
                    row.get(TrialsTable.TRIAL_ID).substring(0, 12), row.get(TrialsTable.SWEEP_POINT),
                    row.get(TrialsTable.ERROR));
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        int filled = total == 0 ? WIDTH : WIDTH * done / total;
        String line = String.format("[%s%s] %d/%d trials, %d failed, %s elapsed, ETA %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, failed, clock(elapsed), clock(eta));
        if (terminal) {
            err.print("\r" + line);
        } else {
            int decile = total == 0 ? 10 : 10 * done / total;
            if (decile == lastDecile) {
                return;
            }
            lastDecile = decile;
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void finished(SweepSummary summary) {
        if (!quiet && terminal) {
            err.println();
            err.flush();
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
