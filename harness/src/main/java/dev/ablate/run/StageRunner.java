package dev.ablate.run;

import dev.ablate.nn.DivergedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * Runs one stage node on an executor and never throws: a stage's own exception becomes a {@code failed}
 * outcome and a diverged loss a {@code diverged} one, so Spark's task retries are left for
 * infrastructure faults and one bad trial never kills a sweep.
 */
public final class StageRunner {

    private static final String HOST = hostName();

    private StageRunner() {
    }

    /** Runs {@code work} on {@code task}, describing the executor as {@code executor}. */
    public static StageOutcome run(StageTask task, StageWork work, String executor) {
        Instant start = Instant.now();
        try {
            String result = work.compute(task);
            return new StageOutcome(task.nodeKey(), "ok", null, result, executor, HOST, start, Instant.now());
        } catch (DivergedException e) {
            return new StageOutcome(task.nodeKey(), "diverged", e.getMessage(), null, executor, HOST, start, Instant.now());
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            return new StageOutcome(task.nodeKey(), "failed", message, null, executor, HOST, start, Instant.now());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
