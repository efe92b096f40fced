package dev.ablate.bench;

import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.FashionMnistMini;
import dev.ablate.spec.DatasetSpec;
import java.io.PrintWriter;
import dev.ablate.metrics.latency.LatencyMeter;
import dev.ablate.metrics.latency.SparseCrossover;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole benchmark in one JVM, in a fixed order: GEMM, then the engine's training interleaved with the PyTorch reference
 * (a child process that warms up before the engine's measurements start and then times one epoch after each of
 * the engine's repetitions, so both are measured under the same load and never compete for a core).
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    /**
     * Runs every measurement {@code settings} asks for.
     *
     * @param settings what to measure
     * @param progress a line per finished step (stderr in the CLI)
     * @return the report; measurements that could not run are recorded in it with the reason
     * @throws IllegalArgumentException if {@code trainExamples} exceeds {@code fashion-mnist-mini}'s training split
     * @throws IllegalStateException    if the engine's BLAS is none of the known implementations
     */
    public static BenchReport run(BenchSettings settings, PrintWriter progress) {
        BenchEnvironment environment = BenchEnvironment.current();
        List<BlasImplementation> implementations = BlasImplementation.all();
        Map<String, String> unavailable = new LinkedHashMap<>();
        implementations.stream().filter(i -> !i.isAvailable()).forEach(i -> unavailable.put(i.name(), i.unavailable()));

        List<GemmResult> gemm = new GemmBenchmark(settings.gemmWarmup(), settings.gemmRepTime(), settings.gemmReps())
                .measure(settings.gemmShapes(), implementations, progress);

        Dataset data = trainingData(settings.trainExamples());
        PytorchResult pytorch;
        List<ThroughputResult> training;
        TrainingBenchmark bench = new TrainingBenchmark(settings.batch(), settings.warmupEpochs(), 1, settings.trainReps());
        if (settings.pytorch() == null) {
            training = bench.measure(settings.architectures(), data, null, progress);
            pytorch = PytorchResult.without(PytorchResult.Status.DISABLED, "PyTorch reference not requested");
        } else {
            progress.println("  pytorch reference: " + settings.pytorch().python() + " " + settings.pytorch().script());
            progress.flush();
            try (PytorchReference.Session session = settings.pytorch().open(settings.architectures(), settings.batch(),
                    BenchSettings.THREADS, settings.trainExamples(), settings.warmupEpochs())) {
                training = bench.measure(settings.architectures(), data, session.running() ? session : null, progress);
                pytorch = session.result();
            }
        }
        return new BenchReport(settings, environment, unavailable, gemm, training, pytorch);
    }

    /**
     * The int8-vs-fp32 inference benchmark ({@link InferenceBenchmark}) on {@code fashion-mnist-mini}: 7 repetitions
     * of 2,048 examples per path, or 3 of 512 when {@code quick}.
     */
    public static List<InferenceResult> inference(boolean quick, PrintWriter progress) {
        InferenceBenchmark bench = quick ? new InferenceBenchmark(3, 512) : new InferenceBenchmark(7, 2048);
        return bench.measure(InferenceBenchmark.ARCHITECTURES, trainingData(2048), progress);
    }

    /**
     * The sparse-vs-dense inference benchmark ({@link SparseCrossover}) at its default architectures, sparsities and
     * batch sizes: 15 repetitions of at least 20 ms after 300 ms of warm-up per point, or 5 of 5 ms after 50 ms when
     * {@code quick}.
     */
    public static List<SparseCrossover.Point> sparse(boolean quick) {
        LatencyMeter meter = new LatencyMeter(quick ? new LatencyMeter.Settings(50, 5, 5) : LatencyMeter.Settings.DEFAULT);
        return SparseCrossover.measure(SparseCrossover.ARCHITECTURES, SparseCrossover.SPARSITIES,
                SparseCrossover.BATCHES, meter);
    }

    /** The first {@code examples} of {@code fashion-mnist-mini}'s training split (no validation held out). */
    static Dataset trainingData(int examples) {
        Dataset train = DatasetRegistry.load(DatasetSpec.named(FashionMnistMini.NAME, 0)).train();
        if (examples > train.size()) {
            throw new IllegalArgumentException("trainExamples=" + examples + " exceeds the " + train.size()
                    + " training examples of " + FashionMnistMini.NAME);
        }
        if (examples == train.size()) {
            return train;
        }
        int d = train.featureCount();
        return new Dataset(train.name() + "[:" + examples + "]", Arrays.copyOf(train.features(), examples * d),
                Arrays.copyOf(train.labels(), examples), train.exampleShape(), train.classNames());
    }
}
