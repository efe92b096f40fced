package dev.ablate.compress.prune;

import dev.ablate.nn.EpochStats;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.StepHook;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.spec.PruneConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs a {@link PruneConfig}'s schedule: prune, fine-tune, and for neuron/channel structures shrink the network
 * at the end ({@link StructuredSurgery}).
 *
 * <ul>
 *   <li>{@code one-shot}: prune to the target, fine-tune {@code finetune_epochs}.</li>
 *   <li>{@code iterative}: {@code rounds} cycles; round r prunes to {@code 1 − (1 − s)^(r/rounds)} (each layer
 *       override likewise), then fine-tunes {@code finetune_epochs}.</li>
 *   <li>{@code gradual}: fine-tunes {@code finetune_epochs} while a step hook grows the masks along Zhu &amp;
 *       Gupta's cubic ramp over {@code ramp_fraction} of the steps ({@link CubicSparsitySchedule}); the target is
 *       enforced once more at the end. Without fine-tuning epochs it is one-shot pruning.</li>
 *   <li>{@code lottery} (Frankle &amp; Carbin 2019, rewinding per Frankle et al. 2020): {@code rounds} of pruning
 *       the current weights (the trained ones first) to the round's sparsity, rewinding the survivors to
 *       {@code θ_k} ({@code k = rewind_epoch}: the initialisation for 0, else the weights after k epochs of the
 *       original run, reproduced by training {@code freshNetwork(trainSeed)} with the trial's config and seed
 *       stopped after k epochs) and retraining {@code finetune_epochs} with the mask. With {@code reinit} the
 *       last round trains the final mask from a fresh initialisation (an init seed drawn from {@code seed})
 *       instead: the random-reinitialisation control.</li>
 * </ul>
 * Every random draw (criterion, fine-tuning seeds, reinit seed) comes from one generator seeded with
 * {@code in.seed()} in a fixed order, so the same inputs give bit-identical outcomes.
 */
public final class PruningProcedure {

    /** Schedule names {@link #run} accepts ({@code prune.schedule}). */
    public static final List<String> SCHEDULES = Arrays.stream(ScheduleKind.values()).map(ScheduleKind::specName)
            .toList();

    private final PruneConfig cfg;
    private final PruneInputs in;
    private final SplittableRandom seeds;
    private final Pruner pruner;
    private final SparsityTarget target;
    private final List<EpochStats> epochs = new ArrayList<>();
    private final List<Double> roundSparsity = new ArrayList<>();
    private final List<Double> epochSparsity = new ArrayList<>();

    private PruningProcedure(PruneConfig cfg, PruneInputs in) {
        this.cfg = cfg;
        this.in = in;
        this.seeds = new SplittableRandom(in.seed());
        this.pruner = Pruner.of(cfg, in.train(), in.trainConfig().batch(), seeds.nextLong());
        this.target = SparsityTarget.of(cfg);
    }

    /**
     * Prunes {@code in.network()} (which is not modified) as {@code cfg} says.
     *
     * @throws IllegalArgumentException for an unknown schedule, criterion, scope or structure, or a structure the
     *                                  network has no layers for
     */
    public static PruneOutcome run(PruneConfig cfg, PruneInputs in) {
        check(cfg);
        return new PruningProcedure(cfg, in).run();
    }

    /**
     * Checks what can be checked without a network: the schedule and structure are known, and an N:M structure,
     * which fixes the density itself, comes with the sparsity it implies and no per-layer amounts.
     *
     * @throws IllegalArgumentException naming the key
     */
    public static void check(PruneConfig cfg) {
        ScheduleKind.of(cfg.schedule()); // rejects an unknown schedule, naming the valid ones
        if (Structure.parse(cfg.structure()) instanceof NofM nm) {
            double implied = 1 - (double) nm.n() / nm.m();
            if (Math.abs(cfg.sparsity() - implied) > 1e-9 || !cfg.layers().isEmpty()) {
                throw new IllegalArgumentException("prune.sparsity: structure " + cfg.structure()
                        + " keeps " + nm.n() + " of every " + nm.m() + " weights, so set sparsity: " + implied
                        + " and no per-layer amounts (got sparsity " + cfg.sparsity() + ", layers " + cfg.layers() + ")");
            }
        }
    }

    private PruneOutcome run() {
        Network net = switch (ScheduleKind.of(cfg.schedule())) {
            case ONE_SHOT -> iterative(1);
            case ITERATIVE -> iterative(cfg.rounds());
            case GRADUAL -> gradual();
            case LOTTERY -> lottery();
        };
        Network result = pruner.structure().removesUnits() ? StructuredSurgery.shrink(net) : net;
        return new PruneOutcome(result, epochs, stepsPerEpoch(), roundSparsity, epochSparsity);
    }

    private Network iterative(int rounds) {
        Network net = in.network().copy();
        for (int r = 1; r <= rounds; r++) {
            roundSparsity.add(pruner.prune(net, roundTarget(r, rounds)));
            fineTune(net, StepHook.NONE);
        }
        return net;
    }

    /** Round r of n: {@code 1 − (1 − s)^(r/n)}, the same fraction of the survivors each round. */
    private SparsityTarget roundTarget(int round, int rounds) {
        return target.map(s -> 1 - Math.pow(1 - s, (double) round / rounds));
    }

    private Network gradual() {
        Network net = in.network().copy();
        long steps = (long) stepsPerEpoch() * cfg.finetuneEpochs();
        if (steps > 0) {
            long ramp = Math.max(1, (long) Math.ceil(cfg.rampFraction() * steps));
            fineTune(net, new GradualPruningHook(net, pruner, target, cfg.initialSparsity(), ramp, cfg.frequency()));
        }
        roundSparsity.add(pruner.prune(net, target));
        return net;
    }

    private Network lottery() {
        Network rewindPoint = rewindPoint();
        long reinitSeed = seeds.nextLong();
        Network current = in.network().copy();
        for (int r = 1; r <= cfg.rounds(); r++) {
            roundSparsity.add(pruner.prune(current, roundTarget(r, cfg.rounds())));
            Network start = r == cfg.rounds() && cfg.reinit() ? in.freshNetwork().apply(reinitSeed) : rewindPoint.copy();
            for (Parameter p : current.parameters()) {
                if (p.prunable()) {
                    start.parameter(p.name()).setMask(p.mask());
                }
            }
            fineTune(start, StepHook.NONE);
            current = start;
        }
        return current;
    }

    /** θ_k: the original run's weights after {@code rewind_epoch} epochs (the initialisation for 0). */
    private Network rewindPoint() {
        Network net = in.freshNetwork().apply(in.trainSeed());
        if (cfg.rewindEpoch() > 0) {
            new Trainer().train(net, in.train(), in.validation(), in.trainConfig(), in.trainSeed(), null,
                    TrainingHooks.NONE.withEpochLimit(cfg.rewindEpoch()));
        }
        return net;
    }

    /** Trains {@code net} in place for {@code finetune_epochs} (no-op for 0) and records its epochs. */
    private void fineTune(Network net, StepHook hook) {
        long seed = seeds.nextLong();
        if (cfg.finetuneEpochs() == 0) {
            return;
        }
        TrainingHooks hooks = (in.objective() == null ? TrainingHooks.NONE
                : TrainingHooks.NONE.withObjective(in.objective().get())).withStepHook(hook);
        List<EpochStats> run = new Trainer().train(net, in.train(), in.validation(),
                in.trainConfig().withEpochs(cfg.finetuneEpochs()), seed, e -> epochSparsity.add(Pruner.sparsity(net)),
                hooks).epochStats();
        for (EpochStats e : run) {
            epochs.add(new EpochStats(epochs.size() + 1, e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                    e.validationAccuracy(), e.learningRate(), e.seconds()));
        }
    }

    private int stepsPerEpoch() {
        return Trainer.stepsPerEpoch(in.network(), in.train().size(), in.trainConfig().batch());
    }
}
