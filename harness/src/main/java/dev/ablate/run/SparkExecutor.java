package dev.ablate.run;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs each stage node as a small Spark job — a one-element RDD mapped through {@link StageRunner} — so
 * finished nodes stream back to the driver while others run. Jobs are submitted from a
 * driver-side pool of {@code 2 × defaultParallelism} threads, which keeps every core busy while a job's
 * result travels back. The task carries only plain data; the executor rebuilds everything else.
 */
public final class SparkExecutor implements Executor {

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final StageWork work;
    private final ExecutorService submitters;
    private final int parallelism;

    /** Runs {@code work} on the cluster behind {@code spark}. */
    public SparkExecutor(SparkSession spark, StageWork work) {
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.work = work;
        this.parallelism = Math.max(1, jsc.defaultParallelism());
        this.submitters = Executors.newFixedThreadPool(2 * parallelism, r -> {
            Thread t = new Thread(r, "ablate-spark-submit");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<StageOutcome> submit(StageTask task) {
        StageWork w = work;
        return CompletableFuture.supplyAsync(() -> {
            jsc.setJobGroup("ablate", task.kind().label() + " " + task.nodeKey().substring(0, 12), false);
            List<StageOutcome> out = jsc.parallelize(List.of(task), 1)
                    .map(t -> StageRunner.run(t, w, SparkEnv.get().executorId()))
                    .collect();
            return out.get(0);
        }, submitters);
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public String master() {
        return spark.sparkContext().master();
    }

    /** Stops the submitter threads; the Spark session belongs to the caller. */
    @Override
    public void close() {
        submitters.shutdownNow();
    }
}
