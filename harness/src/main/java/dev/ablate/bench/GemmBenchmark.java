package dev.ablate.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Measures fp32 {@code sgemm} GFLOPS of several BLAS implementations at several shapes, single-threaded (the caller's
 * thread; native libraries follow {@code OPENBLAS_NUM_THREADS}).
 *
 * <p>Per shape: every implementation is warmed up for {@code warmup} (JIT compilation of the Java kernels, page-in of
 * the native library), then the {@code reps} timed repetitions run round-robin over the implementations, so a burst
 * of load from another tenant slows every implementation's repetition of that round rather than one implementation
 * throughout. A repetition calls {@code sgemm} until {@code repTime} has passed (at least once) and counts
 * {@code calls * 2mnk / elapsed}. Operands are uniform in [-1, 1) from a fixed seed, the same for every
 * implementation.
 */
public final class GemmBenchmark {

    private final Duration warmup;
    private final Duration repTime;
    private final int reps;

    /**
     * @throws IllegalArgumentException if a duration is negative, {@code repTime} is zero or {@code reps} is below 1
     */
    public GemmBenchmark(Duration warmup, Duration repTime, int reps) {
        if (warmup.isNegative() || repTime.isNegative() || repTime.isZero() || reps < 1) {
            throw new IllegalArgumentException("warmup=" + warmup + " must be >= 0, repTime=" + repTime
                    + " > 0 and reps=" + reps + " >= 1");
        }
        this.warmup = warmup;
        this.repTime = repTime;
        this.reps = reps;
    }

    /**
     * Measures every available implementation at every shape.
     *
     * @param shapes          the products to time
     * @param implementations candidates; unavailable ones are skipped
     * @param progress        one line per shape as it finishes
     * @return one result per (shape, available implementation), shapes in the given order
     * @throws IllegalArgumentException if no implementation is available
     */
    public List<GemmResult> measure(List<GemmShape> shapes, List<BlasImplementation> implementations,
                                    PrintWriter progress) {
        List<BlasImplementation> available = implementations.stream().filter(BlasImplementation::isAvailable).toList();
        if (available.isEmpty()) {
            throw new IllegalArgumentException("no BLAS implementation is available among " + implementations);
        }
        List<GemmResult> results = new ArrayList<>();
        for (GemmShape shape : shapes) {
            results.addAll(measure(shape, available));
            progress.printf("  gemm %-18s %s done%n", shape.label(), shape.dimensions());
            progress.flush();
        }
        return List.copyOf(results);
    }

    private List<GemmResult> measure(GemmShape shape, List<BlasImplementation> available) {
        SplittableRandom rng = new SplittableRandom(shape.label().hashCode());
        float[] a = uniform(shape.aSize(), rng);
        float[] b = uniform(shape.bSize(), rng);
        float[] c = new float[shape.m() * shape.n()];
        for (BlasImplementation impl : available) {
            run(impl.blas(), shape, a, b, c, warmup.toNanos());
        }
        List<List<Double>> gflops = new ArrayList<>();
        available.forEach(impl -> gflops.add(new ArrayList<>()));
        for (int rep = 0; rep < reps; rep++) {
            for (int i = 0; i < available.size(); i++) {
                gflops.get(i).add(run(available.get(i).blas(), shape, a, b, c, repTime.toNanos()));
            }
        }
        double best = 0;
        List<Repetitions> summaries = new ArrayList<>();
        for (List<Double> values : gflops) {
            Repetitions r = new Repetitions(values);
            summaries.add(r);
            best = Math.max(best, r.median());
        }
        List<GemmResult> results = new ArrayList<>();
        for (int i = 0; i < available.size(); i++) {
            BlasImplementation impl = available.get(i);
            results.add(new GemmResult(shape, impl.name(), impl.engine(), summaries.get(i),
                    summaries.get(i).median() / best));
        }
        return results;
    }

    /** Calls sgemm until {@code nanos} have passed (at least once) and returns the GFLOPS achieved. */
    private static double run(BLAS blas, GemmShape s, float[] a, float[] b, float[] c, long nanos) {
        Objects.requireNonNull(blas, "blas");
        long calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            blas.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, s.lda(), b, s.ldb(), 0f, c, s.m());
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return calls * s.flops() / elapsed;
    }

    private static float[] uniform(int size, SplittableRandom rng) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return x;
    }
}
