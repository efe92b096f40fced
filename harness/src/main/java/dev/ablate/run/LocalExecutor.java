package dev.ablate.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs stage nodes on a fixed pool of threads in this JVM; used by unit tests that need no Spark. */
public final class LocalExecutor implements Executor {

    private final StageWork work;
    private final int threads;
    private final ExecutorService pool;

    /** {@code threads} workers running {@code work}. */
    public LocalExecutor(StageWork work, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.work = work;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ablate-stage");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<StageOutcome> submit(StageTask task) {
        return CompletableFuture.supplyAsync(() -> StageRunner.run(task, work, "in-process"), pool);
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public String master() {
        return "in-process[" + threads + "]";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
