package dev.ablate.metrics.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Times an {@link InferenceKernel} on the calling thread: a warm-up (JIT compilation, buffer growth), then
 * {@link Settings#reps()} repetitions, each timing whole calls until at least {@link Settings#minRepMillis()} have
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
    /** Written after each measurement so the JIT cannot prove the logits unused. */
    private volatile float sink;

    /** A meter with the given settings. */
    public LatencyMeter(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
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
        float[][] inputs = batches(kernel, examples, exampleCount, batch);
        float consumed = 0;
        int next = 0;
        long warmupEnd = System.nanoTime() + settings.warmupMillis() * 1_000_000L;
        while (System.nanoTime() < warmupEnd) {
            consumed += kernel.logits(inputs[next], batch)[0];
            next = (next + 1) % inputs.length;
        }
        long minRep = settings.minRepMillis() * 1_000_000L;
        double[] millis = new double[settings.reps()];
        for (int rep = 0; rep < millis.length; rep++) {
            int calls = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                consumed += kernel.logits(inputs[next], batch)[0];
                next = (next + 1) % inputs.length;
                calls++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < minRep);
            millis[rep] = elapsed / 1e6 / calls;
        }
        sink = consumed;
        List<Double> reps = new ArrayList<>(millis.length);
        for (double m : millis) {
            reps.add(m);
        }
        return LatencySample.of(kernel.name(), batch, reps);
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
