package dev.ablate.spec;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code compress.prune} step: what to remove, how much, and on which schedule.
 *
 * @param criterion       which weights count least: {@code magnitude} (|w|), {@code random} (the control),
 *                        {@code taylor} (|w·∂L/∂w|, the first-order Taylor estimate of the loss change, from
 *                        {@code gradientBatches} batches of training data)
 * @param scope           {@code layer}: every weight tensor loses its own fraction; {@code global}: one
 *                        ranking over all weight tensors (biases are never pruned)
 * @param structure       {@code unstructured}; {@code N:M} (e.g. {@code 2:4}: at most N nonzeros in every M
 *                        consecutive weights along the input dimension); {@code neuron} (whole output units of
 *                        Linear layers) or {@code channel} (whole output channels of Conv layers), ranked by
 *                        the {@code norm} of their weights and physically removed, with the next layer rewired
 * @param norm            Lp norm that ranks structures ({@code 1} or {@code 2}), as {@code ln_structured}'s n
 * @param sparsity        target fraction of weights (unstructured, N:M) or of units (neuron, channel) removed
 * @param layers          per-layer amounts overriding {@code sparsity} for the named layers (e.g. {@code fc3: 0.5})
 * @param schedule        {@code one-shot} (prune, then fine-tune), {@code iterative} ({@code rounds} prune →
 *                        fine-tune cycles), {@code gradual} (Zhu &amp; Gupta's cubic ramp while fine-tuning) or
 *                        {@code lottery} (iterative magnitude pruning with rewinding, Frankle &amp; Carbin)
 * @param finetuneEpochs  epochs of masked training after pruning: per round for iterative and lottery, in all
 *                        for gradual; uses the trial's train settings
 * @param rounds          prune cycles of iterative and lottery schedules; round r reaches sparsity
 *                        {@code 1 − (1 − s)^(r/rounds)} (the same fraction of the survivors each round)
 * @param initialSparsity gradual: the sparsity {@code s_i} the ramp starts from
 * @param rampFraction    gradual: the fraction of the fine-tuning steps over which sparsity ramps ({@code nΔt})
 * @param frequency       gradual: steps between mask updates ({@code Δt})
 * @param rewindEpoch     lottery: rewind the survivors to their values after this many epochs of the original
 *                        training (0: to initialisation)
 * @param reinit          lottery control: train the final mask from a fresh random initialisation instead
 * @param gradientBatches taylor: training batches whose gradients score the weights
 * @param distill         fine-tune with the distillation loss, the unpruned model as teacher; null for plain
 *                        cross-entropy
 */
public record PruneConfig(String criterion, String scope, String structure, int norm, double sparsity,
                          Map<String, Double> layers, String schedule, int finetuneEpochs, int rounds,
                          double initialSparsity, double rampFraction, int frequency, int rewindEpoch, boolean reinit,
                          int gradientBatches, KdParams distill) {
    public PruneConfig {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(schedule, "schedule");
        layers = Map.copyOf(layers);
        if (!(sparsity >= 0 && sparsity < 1) || finetuneEpochs < 0 || rounds < 1 || !(initialSparsity >= 0
                && initialSparsity <= sparsity) || !(rampFraction > 0 && rampFraction <= 1) || frequency < 1
                || rewindEpoch < 0 || gradientBatches < 1 || (norm != 1 && norm != 2)) {
            throw new IllegalArgumentException("bad prune config: sparsity=" + sparsity + " finetune_epochs="
                    + finetuneEpochs + " rounds=" + rounds + " initial_sparsity=" + initialSparsity
                    + " ramp_fraction=" + rampFraction + " frequency=" + frequency + " rewind_epoch=" + rewindEpoch
                    + " gradient_batches=" + gradientBatches + " norm=" + norm);
        }
        layers.forEach((layer, s) -> {
            if (!(s >= 0 && s < 1)) {
                throw new IllegalArgumentException("bad prune config: layers." + layer + " = " + s + " (need [0, 1))");
            }
        });
    }

    /** The sparsity layer {@code layer} is pruned to: its override, or {@link #sparsity()}. */
    public double sparsityOf(String layer) {
        return layers.getOrDefault(layer, sparsity);
    }
}
