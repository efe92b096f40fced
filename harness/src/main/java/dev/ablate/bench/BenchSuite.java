package dev.ablate.bench;

import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.FashionMnistMini;
import dev.ablate.spec.DatasetSpec;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole benchmark in one JVM, in a fixed order: GEMM, the engine's training, then the PyTorch reference
 * (a child process, started only after the engine's measurements so the two never compete for a core).
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
        List<ThroughputResult> training = new TrainingBenchmark(settings.batch(), settings.warmupEpochs(), 1,
                settings.trainReps()).measure(settings.architectures(), data, progress);

        PytorchResult pytorch;
        if (settings.pytorch() == null) {
            pytorch = PytorchResult.without(PytorchResult.Status.DISABLED, "PyTorch reference not requested");
        } else {
            progress.println("  pytorch reference: " + settings.pytorch().python() + " " + settings.pytorch().script());
            progress.flush();
            pytorch = settings.pytorch().run(settings.architectures(), settings.batch(), BenchSettings.THREADS,
                    settings.trainExamples(), settings.warmupEpochs(), settings.trainReps());
        }
        return new BenchReport(settings, environment, unavailable, gemm, training, pytorch);
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
