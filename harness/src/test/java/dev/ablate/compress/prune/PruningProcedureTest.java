package dev.ablate.compress.prune;

import dev.ablate.data.Dataset;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.spec.PruneConfig;
import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ablate.compress.prune.PruneFixtures.config;
import static dev.ablate.compress.prune.PruneFixtures.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningProcedureTest {

    private static final TrainConfig TRAIN = new TrainConfig(3, 32, "sgd", 0.1, 0.9, 0);
    private static final long TRAIN_SEED = 7;
    private static final Dataset DATA = PruneFixtures.quadrants("q/train", 512, 1);
    private static final Dataset VALIDATION = PruneFixtures.quadrants("q/validation", 256, 2);
    private static final Network TRAINED = trained();

    private static Network trained() {
        Network net = PruneFixtures.mlp(TRAIN_SEED);
        new Trainer().train(net, DATA, VALIDATION, TRAIN.withEpochs(8), TRAIN_SEED, null);
        return net;
    }

    private static PruneInputs inputs(long seed) {
        return new PruneInputs(TRAINED, DATA, VALIDATION, TRAIN, seed, TRAIN_SEED, PruneFixtures::mlp, null);
    }

    private static void assertMasksHold(Network net) {
        for (Parameter p : weights(net)) {
            for (int i = 0; i < p.size(); i++) {
                if (p.mask()[i] == 0f) {
                    assertEquals(0, Float.floatToRawIntBits(p.data()[i]), p.name() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void iterativeRoundsReachTheTargetAndMasksPersistThroughFineTuning() {
        PruneOutcome out = PruningProcedure.run(config("magnitude", "global", "unstructured", 0.8, Map.of(),
                "iterative", 1, 2), inputs(3));
        assertEquals(2, out.roundSparsity().size());
        assertEquals(1 - Math.sqrt(0.2), out.roundSparsity().get(0), 2e-3);
        assertEquals(0.8, out.roundSparsity().get(1), 2e-3);
        assertEquals(List.of(1, 2), out.epochStats().stream().map(e -> e.epoch()).toList());
        assertEquals(Trainer.stepsPerEpoch(TRAINED, DATA.size(), TRAIN.batch()), out.stepsPerEpoch());
        assertMasksHold(out.network());
        assertEquals(0.8, Pruner.sparsity(out.network()), 2e-3);
        assertTrue(TRAINED.parameters().stream().allMatch(p -> p.mask() == null), "input network untouched");
    }

    @Test
    void sameInputsGiveBitIdenticalOutcomes() {
        PruneConfig cfg = config("random", "layer", "unstructured", 0.5, Map.of(), "one-shot", 1, 1);
        Network a = PruningProcedure.run(cfg, inputs(5)).network();
        Network b = PruningProcedure.run(cfg, inputs(5)).network();
        Network c = PruningProcedure.run(cfg, inputs(6)).network();
        for (Parameter p : a.parameters()) {
            assertArrayEquals(p.data(), b.parameter(p.name()).data(), p.name());
        }
        assertFalse(java.util.Arrays.equals(a.parameter("fc1.weight").mask(), c.parameter("fc1.weight").mask()));
    }

    @Test
    void gradualHookGrowsMasksMonotonicallyToTheTarget() {
        Network net = TRAINED.copy();
        Pruner pruner = new Pruner(new MagnitudeCriterion(1), new Unstructured(), Scope.GLOBAL);
        GradualPruningHook hook = new GradualPruningHook(net, pruner, new SparsityTarget(0.9, Map.of()), 0.1, 20, 3);
        double previous = 0;
        float[] previousMask = null;
        for (long step = 0; step <= 30; step++) {
            hook.beforeForward(step);
            double s = Pruner.sparsity(net);
            assertTrue(s >= previous, "step " + step + ": " + s + " < " + previous);
            float[] mask = net.parameter("fc1.weight").mask();
            if (previousMask != null) {
                for (int i = 0; i < mask.length; i++) {
                    assertTrue(previousMask[i] == 1f || mask[i] == 0f, "weight " + i + " returned at step " + step);
                }
            }
            previousMask = mask.clone();
            previous = s;
        }
        assertEquals(0.9, previous, 1e-3);
        PruneOutcome out = PruningProcedure.run(new PruneConfig("magnitude", "global", "unstructured", 1, 0.9,
                Map.of(), "gradual", 2, 1, 0.2, 0.5, 2, 0, false, 1, null), inputs(4));
        assertEquals(0.9, out.roundSparsity().get(0), 1e-3);
        assertEquals(2, out.epochStats().size());
        assertMasksHold(out.network());
    }

    @Test
    void lotteryRewindsSurvivorsToInitialisation() {
        PruneOutcome out = PruningProcedure.run(lottery(0, false, 0), inputs(8));
        Network init = PruneFixtures.mlp(TRAIN_SEED);
        assertSurvivorsEqual(init, out.network());
    }

    @Test
    void lotteryRewindsToTheOriginalRunsEpochK() {
        PruneOutcome out = PruningProcedure.run(lottery(2, false, 0), inputs(8));
        Network epoch2 = PruneFixtures.mlp(TRAIN_SEED);
        new Trainer().train(epoch2, DATA, VALIDATION, TRAIN, TRAIN_SEED, null, TrainingHooks.NONE.withEpochLimit(2));
        assertSurvivorsEqual(epoch2, out.network());
        assertEquals(2, out.roundSparsity().size());
    }

    @Test
    void lotteryReinitTrainsTheMaskFromAnotherInitialisation() {
        Network ticket = PruningProcedure.run(lottery(0, false, 0), inputs(8)).network();
        Network control = PruningProcedure.run(lottery(0, true, 0), inputs(8)).network();
        for (Parameter p : weights(ticket)) {
            assertArrayEquals(p.mask(), control.parameter(p.name()).mask(), "same final mask");
        }
        assertFalse(java.util.Arrays.equals(ticket.parameter("fc1.weight").data(),
                control.parameter("fc1.weight").data()));
    }

    @Test
    void magnitudeKeepsFarMoreAccuracyThanRandomAtHighSparsity() {
        double magnitude = accuracyAfter("magnitude");
        double random = accuracyAfter("random");
        assertTrue(magnitude > random + 0.15, "magnitude " + magnitude + " vs random " + random);
    }

    private static double accuracyAfter(String criterion) {
        PruneConfig cfg = config(criterion, "layer", "unstructured", 0.9, Map.of(), "one-shot", 0, 1);
        return QualityMetrics.accuracy(PruningProcedure.run(cfg, inputs(9)).network(), VALIDATION);
    }

    private static PruneConfig lottery(int rewindEpoch, boolean reinit, int finetuneEpochs) {
        return new PruneConfig("magnitude", "global", "unstructured", 1, 0.75, Map.of(), "lottery", finetuneEpochs, 2,
                0, 0.75, 1, rewindEpoch, reinit, 1, null);
    }

    private static void assertSurvivorsEqual(Network expected, Network actual) {
        for (Parameter p : weights(actual)) {
            float[] e = expected.parameter(p.name()).data();
            for (int i = 0; i < p.size(); i++) {
                assertEquals(p.mask()[i] == 0f ? 0f : e[i], p.data()[i], p.name() + "[" + i + "]");
            }
        }
    }
}
