package dev.ablate.bench;

import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.integer.Int8Calibration;
import dev.ablate.compress.quant.integer.IntegerNetwork;
import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.BatchNormFolding;
import dev.ablate.nn.Network;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-threaded inference throughput of fp32 {@link Network#logits} against the integer-only
 * {@link IntegerNetwork#logits} on the same inputs. Per architecture: a fresh network (seed 0, untrained: speed does
 * not depend on the weights), BatchNorm folded, int8 weights per channel and uint8 activations calibrated with
 * min-max on the first {@value #CALIBRATION} examples, so every code path is the one a trial runs. Per batch size,
 * both paths warm up, then {@code reps} repetitions alternate fp32 and int8, each timing as many calls as fill
 * {@code repExamples} examples.
 */
public final class InferenceBenchmark {

    /** Architectures benchmarked by default. */
    public static final List<String> ARCHITECTURES = List.of("lenet-300-100", "lenet-5", "cnn-bn");
    /** Batch sizes timed: single-example latency and a throughput batch. */
    public static final List<Integer> BATCHES = List.of(1, 64);
    /** Calibration examples. */
    static final int CALIBRATION = 512;

    private final int reps;
    private final int repExamples;

    /**
     * @param reps        timed repetitions per path
     * @param repExamples examples per repetition (rounded up to whole batches)
     * @throws IllegalArgumentException if a count is below 1
     */
    public InferenceBenchmark(int reps, int repExamples) {
        if (reps < 1 || repExamples < 1) {
            throw new IllegalArgumentException("reps=" + reps + " and repExamples=" + repExamples + " must be at least 1");
        }
        this.reps = reps;
        this.repExamples = repExamples;
    }

    /** Measures every architecture at every batch size on {@code data}; one progress line per result. */
    public List<InferenceResult> measure(List<String> architectures, Dataset data, PrintWriter progress) {
        List<InferenceResult> results = new ArrayList<>();
        for (String arch : architectures) {
            Network net = BatchNormFolding.fold(ModelZoo.build(TrainingBenchmark.modelConfig(arch).orElseThrow(
                    () -> new IllegalArgumentException("unknown architecture " + arch)), data.exampleShape(),
                    data.classCount(), 0));
            Int8Calibration cal = Int8Calibration.calibrate(net, data, CALIBRATION / 64, 64, QuantScheme.UNSIGNED_AFFINE);
            Network fp32 = cal.network();
            IntegerNetwork int8 = cal.toInteger();
            for (int batch : BATCHES) {
                InferenceResult r = measure(arch, batch, fp32, int8, data);
                results.add(r);
                progress.printf(java.util.Locale.ROOT, "  infer %-14s batch %-3d int8/fp32 %.2f%n", arch, batch,
                        r.speedup());
                progress.flush();
            }
        }
        return List.copyOf(results);
    }

    private InferenceResult measure(String arch, int batch, Network fp32, IntegerNetwork int8, Dataset data) {
        int d = data.featureCount();
        int calls = Math.max(1, repExamples / batch);
        int inputs = Math.max(1, Math.min(data.size() / batch, 64));
        float[][] x = new float[inputs][];
        for (int i = 0; i < inputs; i++) {
            x[i] = java.util.Arrays.copyOfRange(data.features(), i * batch * d, (i + 1) * batch * d);
        }
        time(fp32::logits, x, batch, calls);
        time(int8::logits, x, batch, calls);
        List<Double> f = new ArrayList<>();
        List<Double> q = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            f.add(calls * batch / time(fp32::logits, x, batch, calls));
            q.add(calls * batch / time(int8::logits, x, batch, calls));
        }
        return new InferenceResult(arch, batch, new Repetitions(f), new Repetitions(q), int8.fp32Bytes(),
                int8.packedBytes());
    }

    private interface Logits {
        float[] apply(float[] x, int n);
    }

    /** Seconds for {@code calls} calls, cycling through the inputs; the logits feed a sink so none is dead code. */
    private static double time(Logits f, float[][] x, int batch, int calls) {
        long start = System.nanoTime();
        float sink = 0;
        for (int c = 0; c < calls; c++) {
            sink += f.apply(x[c % x.length], batch)[0];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("NaN logits");
        }
        return seconds;
    }
}
