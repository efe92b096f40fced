package dev.ablate.bench;

import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.EpochListener;
import dev.ablate.nn.Network;
import dev.ablate.nn.Trainer;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures single-threaded training throughput (examples per second) of model-zoo architectures with the engine's
 * own {@link Trainer}: SGD, momentum 0.9, lr 0.05, the batch size given, exactly what a trial's training stage runs
 * (shuffle, batch copy, forward, loss, backward, update).
 *
 * <p>Per architecture: a fresh network (seed 0) trains {@code warmupEpochs} epochs untimed, then {@code reps}
 * repetitions of {@code epochsPerRep} epochs each are timed around {@code Trainer.train}; throughput is
 * {@code epochsPerRep * examples / seconds}.
 *
 * <p><b>API seam.</b> The model zoo and trainer signatures are changing on other branches (an example shape instead
 * of an input size for the CNNs; a validation split for early stopping). Only {@link #build} and {@link #train} call
 * them; switching is the one line in each that their comments show.
 */
public final class TrainingBenchmark {

    /** Architectures benchmarked by default: the two reference models. */
    public static final List<String> ARCHITECTURES = List.of("lenet-300-100", "lenet-5");

    /** SGD settings of the reference comparison (and of {@code bench/pytorch_train.py}). */
    static final double LR = 0.05;
    static final double MOMENTUM = 0.9;

    private static final long SEED = 0;

    private final int batch;
    private final int warmupEpochs;
    private final int epochsPerRep;
    private final int reps;

    /**
     * @throws IllegalArgumentException if {@code batch}, {@code epochsPerRep} or {@code reps} is below 1 or
     *                                  {@code warmupEpochs} is negative
     */
    public TrainingBenchmark(int batch, int warmupEpochs, int epochsPerRep, int reps) {
        if (batch < 1 || warmupEpochs < 0 || epochsPerRep < 1 || reps < 1) {
            throw new IllegalArgumentException("batch=" + batch + ", epochsPerRep=" + epochsPerRep + " and reps=" + reps
                    + " must be at least 1, warmupEpochs=" + warmupEpochs + " at least 0");
        }
        this.batch = batch;
        this.warmupEpochs = warmupEpochs;
        this.epochsPerRep = epochsPerRep;
        this.reps = reps;
    }

    /**
     * Measures each architecture on {@code data}.
     *
     * @param architectures names as {@code model.arch} spells them
     * @param data          training examples (an image dataset for the CNNs)
     * @param reference     a PyTorch reference whose epochs alternate with ours, or null for none
     * @param progress      one line per architecture as it finishes
     * @return one result per architecture, in order; an architecture the zoo does not know is {@code SKIPPED}
     */
    public List<ThroughputResult> measure(List<String> architectures, Dataset data, PytorchReference.Session reference,
                                          PrintWriter progress) {
        List<ThroughputResult> results = new ArrayList<>();
        for (String arch : architectures) {
            ThroughputResult r = measure(arch, data, reference);
            results.add(r);
            progress.printf("  train %-14s %s%s%n", arch, r.status().name().toLowerCase(java.util.Locale.ROOT),
                    r.note().isEmpty() ? "" : " (" + r.note() + ")");
            progress.flush();
        }
        return List.copyOf(results);
    }

    private ThroughputResult measure(String arch, Dataset data, PytorchReference.Session reference) {
        Optional<ModelConfig> model = modelConfig(arch);
        if (model.isEmpty()) {
            return new ThroughputResult(arch, ThroughputResult.Status.SKIPPED, "ModelZoo does not know '" + arch
                    + "' yet (it knows " + String.join(", ", ModelZoo.ARCHITECTURES) + ")", null);
        }
        String note = model.get().arch().equals(arch) ? ""
                : "built as " + model.get().arch() + " " + model.get().hidden() + ": ModelZoo has no '" + arch + "' yet";
        try {
            Network net = build(model.get(), data, SEED);
            TrainConfig cfg = new TrainConfig(1, batch, "sgd", LR, MOMENTUM, 0.0);
            if (warmupEpochs > 0) {
                train(net, data, cfg.withEpochs(warmupEpochs), SEED);
            }
            List<Double> rates = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                long start = System.nanoTime();
                train(net, data, cfg.withEpochs(epochsPerRep), SEED + 1 + rep);
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.add((double) epochsPerRep * data.size() / seconds);
                if (reference != null) {
                    reference.epoch(arch); // alternate with PyTorch, so both see the same machine load
                }
            }
            return new ThroughputResult(arch, ThroughputResult.Status.MEASURED, note, new Repetitions(rates));
        } catch (RuntimeException e) {
            return new ThroughputResult(arch, ThroughputResult.Status.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    /** The model block for an architecture, if the zoo can build it. */
    static Optional<ModelConfig> modelConfig(String arch) {
        if (ModelZoo.ARCHITECTURES.contains(arch)) {
            return Optional.of(new ModelConfig(arch, List.of(), "relu"));
        }
        return Optional.empty();
    }

    private static Network build(ModelConfig cfg, Dataset data, long seed) {
        return ModelZoo.build(cfg, data.exampleShape(), data.classCount(), seed);
    }

    private static void train(Network net, Dataset data, TrainConfig cfg, long seed) {
        Dataset noValidation = new Dataset(data.name() + "/no-validation", new float[0], new int[0],
                data.exampleShape(), data.classNames());
        new Trainer().train(net, data, noValidation, cfg, seed, EpochListener.NONE);
    }
}
