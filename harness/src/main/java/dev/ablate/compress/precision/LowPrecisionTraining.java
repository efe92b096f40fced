package dev.ablate.compress.precision;

import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import dev.ablate.spec.PrecisionConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulated low-precision training ({@code train.precision}): turns a network into one whose tensors are cast to
 * the configured formats, and a {@link PrecisionHook} that keeps its weights and weight gradients in theirs.
 * Usage:
 * <pre>{@code
 *   Prepared p = LowPrecisionTraining.prepare(net, cfg, seed);
 *   trainer.train(p.trainingNetwork(), train, validation, trainCfg, seed, listener,
 *           TrainingHooks.NONE.withStepHook(p.hook()));
 *   Network deployable = p.finish();   // net itself, weights in the weight format
 *   PrecisionStats stats = p.hook().stats();
 * }</pre>
 * With {@code fp32} everywhere and no loss scaling this is plain training, bit for bit.
 */
public final class LowPrecisionTraining {

    private LowPrecisionTraining() {
    }

    /**
     * A network prepared for low-precision training.
     *
     * @param network         the network given to {@link #prepare}, trained through the training network
     * @param trainingNetwork {@code network}'s layers (the same instances, so the same parameters) with a
     *                        {@link CastLayer} before the first and after every layer; it and {@code network}
     *                        must not be used at the same time
     * @param hook            the step hook to train with; its {@link PrecisionHook#stats()} go into the results
     */
    public record Prepared(Network network, Network trainingNetwork, PrecisionHook hook) {

        /** Checks the components are present. */
        public Prepared {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(trainingNetwork, "trainingNetwork");
            Objects.requireNonNull(hook, "hook");
        }

        /**
         * Ends training: every weight of {@link #network()} is left exactly representable in the weight format,
         * and that network, without the casts, is the deployable model.
         */
        public Network finish() {
            hook.finish();
            return network;
        }
    }

    /**
     * Prepares {@code net} for training under {@code cfg}. Every tensor between layers is cast, the network input
     * and the logits included: the forward pass rounds it to the activation format, the backward pass rounds the
     * gradient flowing back through it to the gradient format (the input's cast has no gradient to round). The
     * weights are cast at the first step. Each cast layer and the hook get their own generator, drawn from one
     * seeded by {@code seed}, so the same seed (and trainer seed) give bit-identical training.
     *
     * @throws IllegalArgumentException naming the {@code train.precision} field, for a spelling it does not know
     */
    public static Prepared prepare(Network net, PrecisionConfig cfg, long seed) {
        PrecisionPlan plan = PrecisionPlan.of(cfg);
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>(2 * net.layers().size() + 1);
        layers.add(cast("input", net.inputShape(), plan, seeds.nextLong()));
        for (Layer l : net.layers()) {
            layers.add(l);
            layers.add(cast(l.name(), l.outputShape(), plan, seeds.nextLong()));
        }
        PrecisionHook hook = new PrecisionHook(net.parameters(), plan, new SplittableRandom(seeds.nextLong()));
        return new Prepared(net, new Network(layers), hook);
    }

    private static CastLayer cast(String after, int[] shape, PrecisionPlan plan, long seed) {
        return new CastLayer("cast(" + after + ")", shape, plan.activations(), plan.gradients(), plan.rounding(),
                seed);
    }
}
