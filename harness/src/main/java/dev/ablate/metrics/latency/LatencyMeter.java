package dev.ablate.metrics.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Times an {@link InferenceKernel} on the calling thread: a warm-up (JIT compilation, buffer growth) of
 * {@link Settings#warmupMillis()}, continued (unless that is 0) while a repetition is still more than {@value #STEADY}
 * faster than the one before it (at most {@value #MAX_STEADY_WAIT_MILLIS} ms more), then {@link Settings#reps()} repetitions, each timing whole calls until at least {@link Settings#minRepMillis()} have
 * passed (so the clock's resolution and one call's noise vanish), reported as milliseconds per call. The inputs are
 * copied into batches before the clock starts and the calls cycle through them; each call's logits feed a sink so
 * none of the work is dead code. The timed loop allocates nothing beyond what the kernel does.
 *
 * <p>Deterministic in everything but time: the same arguments feed the same batches in the same order. A meter
 * holds only its settings and the sink, so one meter may serve several threads, each timing its own kernel.
 */
public final class LatencyMeter {

    /**
     * Most distinct batches cycled through: enough that a call's inputs are not the previous call's cache-hot
     * ones, few enough to stay a small copy (64 batches of 64 MNIST images are 12.8 MB).
     */
    static final int MAX_BATCHES = 64;

    /** A warm-up repetition less than this much faster than the one before ends the warm-up: the JIT has settled. */
    static final double STEADY = 0.05;

    /** Longest the warm-up waits for a steady repetition after {@link Settings#warmupMillis()}. */
    static final long MAX_STEADY_WAIT_MILLIS = 5_000;

    /**
     * How long to warm up and how to repeat.
     *
     * @param warmupMillis milliseconds of untimed calls before the first repetition, at least 0
     * @param reps         timed repetitions, at least 1
     * @param minRepMillis least milliseconds one repetition times (whole calls, at least one), at least 0
     */
    public record Settings(int warmupMillis, int reps, int minRepMillis) {

        /** 300 ms warm-up, 15 repetitions of at least 20 ms: about 0.6 s per kernel and batch size. */
        public static final Settings DEFAULT = new Settings(300, 15, 20);

        /** @throws IllegalArgumentException naming the value out of range */
        public Settings {
            if (warmupMillis < 0 || reps < 1 || minRepMillis < 0) {
                throw new IllegalArgumentException("warmupMillis=" + warmupMillis + " and minRepMillis=" + minRepMillis
                        + " must be at least 0, reps=" + reps + " at least 1");
            }
        }
    }

    private final Settings settings;
    private final LongSupplier clock;
    /** Written after each measurement so the JIT cannot prove the logits unused. */
    private volatile float sink;

    /** A meter with the given settings. */
    public LatencyMeter(Settings settings) {
        this(settings, System::nanoTime);
    }

    /** A meter reading time from {@code clock} (nanoseconds), for tests that simulate a kernel's time. */
    LatencyMeter(Settings settings, LongSupplier clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * Times calls of {@code batch} examples. Batch {@code j} holds examples {@code j*batch, j*batch + 1, ...} modulo
     * {@code exampleCount}, for up to {@value #MAX_BATCHES} batches (fewer when the examples fill fewer).
     *
     * @param examples     {@code exampleCount} examples of {@code kernel.inputSize()} features, row-major
     * @param exampleCount examples to draw from, at least 1 (fewer than {@code batch} repeat within a batch)
     * @param batch        examples per call, at least 1
     * @throws IllegalArgumentException if a count is below 1 or {@code examples} is too short
     */
    public LatencySample measure(InferenceKernel kernel, float[] examples, int exampleCount, int batch) {
        Calls calls = new Calls(kernel, batches(kernel, examples, exampleCount, batch), batch);
        calls.warmUp(settings.warmupMillis());
        long minRep = settings.minRepMillis() * 1_000_000L;
        // then, unless warm-up is off, while the kernel still speeds up (the JIT compiling): until a repetition is
        // not STEADY faster than the one before it, or the cap
        long steadyEnd = clock.getAsLong() + MAX_STEADY_WAIT_MILLIS * 1_000_000L;
        if (settings.warmupMillis() > 0) {
            double previous = calls.millisPerCall(minRep);
            for (double m = calls.millisPerCall(minRep); m < previous * (1 - STEADY) && clock.getAsLong() < steadyEnd;
                 m = calls.millisPerCall(minRep)) {
                previous = m;
            }
        }
        List<Double> reps = new ArrayList<>(settings.reps());
        for (int rep = 0; rep < settings.reps(); rep++) {
            reps.add(calls.millisPerCall(minRep));
        }
        sink = calls.consumed;
        return LatencySample.of(kernel.name(), batch, reps);
    }

    /**
     * Runs {@code kernel} untimed for {@link Settings#warmupMillis()}, as {@link #measure} starts: a caller that times
     * several kernels warms them all first, so that the JIT compiles the later ones while the earlier ones run.
     */
    public void warmUp(InferenceKernel kernel, float[] examples, int exampleCount, int batch) {
        Calls calls = new Calls(kernel, batches(kernel, examples, exampleCount, batch), batch);
        calls.warmUp(settings.warmupMillis());
        sink = calls.consumed;
    }

    /** Calls of one kernel cycling through its input batches, summing a logit of each into {@link #consumed}. */
    private final class Calls {
        private final InferenceKernel kernel;
        private final float[][] inputs;
        private final int batch;
        private int next;
        private float consumed;

        Calls(InferenceKernel kernel, float[][] inputs, int batch) {
            this.kernel = kernel;
            this.inputs = inputs;
            this.batch = batch;
        }

        void warmUp(long millis) {
            long end = clock.getAsLong() + millis * 1_000_000L;
            while (clock.getAsLong() < end) {
                next();
            }
        }

        void next() {
            consumed += kernel.logits(inputs[next], batch)[0];
            next = (next + 1) % inputs.length;
        }

        /** Milliseconds per call over whole calls that take at least {@code minNanos} together. */
        double millisPerCall(long minNanos) {
            int n = 0;
            long start = clock.getAsLong();
            long elapsed;
            do {
                next();
                n++;
                elapsed = clock.getAsLong() - start;
            } while (elapsed < minNanos);
            return elapsed / 1e6 / n;
        }
    }

    private static float[][] batches(InferenceKernel kernel, float[] examples, int exampleCount, int batch) {
        int d = kernel.inputSize();
        if (batch < 1) {
            throw new IllegalArgumentException(kernel.name() + ": batch=" + batch + " must be at least 1");
        }
        if (exampleCount < 1 || (long) exampleCount * d > examples.length) {
            throw new IllegalArgumentException(kernel.name() + ": exampleCount=" + exampleCount + " must be at least 1"
                    + " and " + exampleCount + " examples of " + d + " features must fit the " + examples.length
                    + " values given");
        }
        int count = (int) Math.min(MAX_BATCHES, ((long) exampleCount + batch - 1) / batch);
        float[][] inputs = new float[count][batch * d];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < batch; i++) {
                int example = (int) (((long) j * batch + i) % exampleCount);
                System.arraycopy(examples, example * d, inputs[j], i * d, d);
            }
        }
        return inputs;
    }
}
