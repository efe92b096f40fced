package dev.ablate.run;

import java.io.Serializable;
import java.time.Instant;

/**
 * What came back from computing one stage node.
 *
 * @param nodeKey     the node
 * @param status      {@code ok}, {@code failed} or {@code diverged}
 * @param error       the failure's message (with the exception type), null when ok
 * @param resultJson  for EVALUATE and LATENCY nodes, the {@link TrialResult} as JSON; null otherwise or on failure
 * @param executor    Spark executor id (or {@code in-process})
 * @param host        host name of the executor
 * @param startedAt   when the task started
 * @param finishedAt  when it ended
 */
public record StageOutcome(String nodeKey, String status, String error, String resultJson, String executor,
                           String host, Instant startedAt, Instant finishedAt) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** This outcome without its result, for the driver to remember the status of a node cheaply. */
    public StageOutcome withoutResult() {
        return resultJson == null ? this
                : new StageOutcome(nodeKey, status, error, null, executor, host, startedAt, finishedAt);
    }

    /** Whether the stage succeeded. */
    public boolean ok() {
        return "ok".equals(status);
    }
}
