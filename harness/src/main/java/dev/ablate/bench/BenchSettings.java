package dev.ablate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How much to measure. {@link #full()} is {@code ./ablate bench}; {@link #quick()} is {@code --quick}, a short run
 * whose numbers are noisier but which exercises every part.
 *
 * @param mode          {@code full}, {@code quick} or a test's name; recorded in the report
 * @param gemmShapes    GEMM products to time
 * @param gemmWarmup    untimed sgemm time per implementation and shape
 * @param gemmRepTime   length of one timed GEMM repetition
 * @param gemmReps      timed GEMM repetitions per implementation and shape
 * @param architectures models to train
 * @param batch         training batch size
 * @param trainExamples training examples per epoch, the first ones of {@code fashion-mnist-mini}'s train split
 * @param warmupEpochs  untimed training epochs per model
 * @param trainReps     timed one-epoch repetitions per model
 * @param pytorch       the PyTorch reference to run, or {@code null} for none
 */
public record BenchSettings(String mode, List<GemmShape> gemmShapes, Duration gemmWarmup, Duration gemmRepTime,
                            int gemmReps, List<String> architectures, int batch, int trainExamples, int warmupEpochs,
                            int trainReps, PytorchReference pytorch) {

    /** Batch size of the comparison, as in the issue. */
    public static final int BATCH = 64;

    /** Threads everything runs on: one, as inside a Spark task. */
    public static final int THREADS = 1;

    /**
     * @throws IllegalArgumentException if a count is below 1 (below 0 for {@code warmupEpochs})
     */
    public BenchSettings {
        Objects.requireNonNull(mode, "mode");
        gemmShapes = List.copyOf(gemmShapes);
        architectures = List.copyOf(architectures);
        Objects.requireNonNull(gemmWarmup, "gemmWarmup");
        Objects.requireNonNull(gemmRepTime, "gemmRepTime");
        if (gemmReps < 1 || batch < 1 || trainExamples < 1 || warmupEpochs < 0 || trainReps < 1) {
            throw new IllegalArgumentException("gemmReps=" + gemmReps + ", batch=" + batch + ", trainExamples="
                    + trainExamples + " and trainReps=" + trainReps + " must be at least 1, warmupEpochs="
                    + warmupEpochs + " at least 0");
        }
    }

    /**
     * The products training runs at batch 64: the three of {@code lenet-300-100}'s {@code fc1} (784 -> 300) and
     * {@code fc2} (300 -> 100; its input gradient is the one {@code fc1} never needs), {@code lenet-5}'s
     * {@code fc1} forward (800 -> 500), and a 512-cube for peak throughput.
     */
    public static List<GemmShape> trainingShapes() {
        List<GemmShape> shapes = new ArrayList<>();
        List<GemmShape> fc1 = GemmShape.linear("mlp.fc1", BATCH, 784, 300);
        shapes.add(fc1.get(0));
        shapes.add(fc1.get(1));
        shapes.addAll(GemmShape.linear("mlp.fc2", BATCH, 300, 100));
        shapes.add(GemmShape.linear("lenet5.fc1", BATCH, 800, 500).get(0));
        shapes.add(GemmShape.square(512));
        return List.copyOf(shapes);
    }

    /** The full run: 7 repetitions of everything on all 10,000 {@code fashion-mnist-mini} training examples. */
    public static BenchSettings full() {
        return new BenchSettings("full", trainingShapes(), Duration.ofMillis(500), Duration.ofMillis(100), 7,
                TrainingBenchmark.ARCHITECTURES, BATCH, 10_000, 2, 7, null);
    }

    /**
     * A short run (seconds, plus the reference): 3 repetitions, short GEMM repetitions, 2,048 examples, and still 2
     * warm-up epochs, because one epoch of 2,048 examples is too short for the JIT to finish the training loop.
     */
    public static BenchSettings quick() {
        return new BenchSettings("quick", trainingShapes(), Duration.ofMillis(100), Duration.ofMillis(20), 3,
                TrainingBenchmark.ARCHITECTURES, BATCH, 2_048, 2, 3, null);
    }

    /** The same settings with these GEMM products. */
    public BenchSettings withGemmShapes(List<GemmShape> shapes) {
        return new BenchSettings(mode, shapes, gemmWarmup, gemmRepTime, gemmReps, architectures, batch, trainExamples,
                warmupEpochs, trainReps, pytorch);
    }

    /** The same settings with this many training examples per epoch. */
    public BenchSettings withTrainExamples(int examples) {
        return new BenchSettings(mode, gemmShapes, gemmWarmup, gemmRepTime, gemmReps, architectures, batch, examples,
                warmupEpochs, trainReps, pytorch);
    }

    /** The same settings running this PyTorch reference, or none for {@code null}. */
    public BenchSettings withPytorch(PytorchReference reference) {
        return new BenchSettings(mode, gemmShapes, gemmWarmup, gemmRepTime, gemmReps, architectures, batch,
                trainExamples, warmupEpochs, trainReps, reference);
    }
}
