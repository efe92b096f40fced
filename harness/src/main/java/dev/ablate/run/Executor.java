package dev.ablate.run;

import java.util.concurrent.CompletableFuture;

/**
 * Where stage nodes run: embedded or cluster Spark ({@link SparkExecutor}) or threads of this JVM
 * ({@link LocalExecutor}, for unit tests). Submissions run concurrently, up to {@link #parallelism()}
 * at a time; futures complete with an outcome, never exceptionally for a stage's own failure.
 */
public interface Executor extends AutoCloseable {

    /** Starts {@code task}; the future completes when its outcome is back on the driver. */
    CompletableFuture<StageOutcome> submit(StageTask task);

    /** How many tasks run at once. */
    int parallelism();

    /** What runs the tasks, for the results' {@code spark_master} column ({@code local[2]}, {@code in-process}). */
    String master();

    @Override
    void close();
}
