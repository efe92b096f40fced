package dev.ablate.compress.precision;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import dev.ablate.nn.Objective;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.Sgd;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.nn.TrainingResult;
import dev.ablate.spec.PrecisionConfig;
import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.ablate.compress.precision.PrecisionFixtures.bitIdentical;
import static dev.ablate.compress.precision.PrecisionFixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss scaling and the weight cast, driven step by step as {@link dev.ablate.nn.Trainer} drives a hook, and in training. */
class LossScalingTest {

    /** A true gradient whose scaled value fits fp16 at every scale used here. */
    private static final float SMALL = 0.5f;
    /** A true gradient whose scaled value overflows fp16 (max 65504) at scales of 256 and more. */
    private static final float LARGE = 1000f;

    private final Parameter weight = new Parameter("fc.weight", new int[] {2}, true);

    private PrecisionHook hook(PrecisionConfig cfg) {
        return new PrecisionHook(List.of(weight), PrecisionPlan.of(cfg), new SplittableRandom(1));
    }

    /**
     * One step in the trainer's order, the backward pass leaving {@code trueGradient · lossScale()}; returns the
     * gradient the optimizer saw, or {@code null} when the update was skipped.
     */
    private float[] step(PrecisionHook hook, Sgd sgd, float trueGradient, long step) {
        hook.beforeForward(step);
        Arrays.fill(weight.grad(), trueGradient * hook.lossScale());
        if (!hook.beforeUpdate(step)) {
            return null;
        }
        float[] seen = weight.grad().clone();
        sgd.step();
        hook.afterUpdate(step);
        return seen;
    }

    @Test
    void dynamicScalingHalvesAndSkipsExactlyTheOverflowStepsAndDoublesAfterTheGrowthInterval() {
        PrecisionHook hook = hook(new PrecisionConfig("fp32", "fp32", "fp16", "nearest-even", false, "dynamic", 1024, 3));
        Sgd sgd = new Sgd(List.of(weight), 0.125, 0, 0);
        float[] trueGradients = {SMALL, SMALL, LARGE, SMALL, SMALL, SMALL, SMALL, LARGE, LARGE, SMALL};
        List<Float> scales = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (int s = 0; s < trueGradients.length; s++) {
            scales.add(hook.lossScale());
            float[] before = weight.data().clone();
            float[] seen = step(hook, sgd, trueGradients[s], s);
            if (seen == null) {
                skipped.add(s);
                assertArrayEquals(before, weight.data(), "a skipped step leaves the weights");
            } else {
                assertArrayEquals(new float[] {SMALL, SMALL}, seen, "the optimizer sees the unscaled gradient");
            }
        }
        assertEquals(List.of(1024f, 1024f, 1024f, 512f, 512f, 512f, 1024f, 1024f, 512f, 256f), scales);
        assertEquals(List.of(2, 7, 8), skipped);
        assertEquals(new PrecisionStats(10, 3, 3, 256f), hook.stats());
        assertArrayEquals(new float[] {-7 * 0.125f * SMALL, -7 * 0.125f * SMALL}, weight.data());
    }

    @Test
    void staticScalingKeepsItsScaleAndCountsOverflowsWithoutSkipping() {
        PrecisionHook hook = hook(new PrecisionConfig("fp32", "fp32", "fp16", "nearest-even", false, "static", 1024, 3));
        Sgd sgd = new Sgd(List.of(weight), 0.125, 0, 0);
        assertArrayEquals(new float[] {SMALL, SMALL}, step(hook, sgd, SMALL, 0));
        assertTrue(step(hook, sgd, LARGE, 1) != null, "static scaling updates even on overflow");
        assertEquals(new PrecisionStats(2, 1, 0, 1024f), hook.stats());
    }

    @Test
    void masterWeightsLetTheOptimizerAccumulateUpdatesBelowTheWeightFormatsResolution() {
        // fp16 just below 1 has steps of 2^-11; each update is 2^-13, an eighth of the step above 1 (2^-10)
        float update = 0x1p-13f;
        for (boolean masters : new boolean[] {true, false}) {
            Arrays.fill(weight.data(), 1f);
            PrecisionHook hook = hook(new PrecisionConfig("fp16", "fp32", "fp32", "nearest-even", masters, "none", 1, 1));
            Sgd sgd = new Sgd(List.of(weight), 1, 0, 0);
            for (int s = 0; s < 16; s++) {
                step(hook, sgd, update, s);
            }
            float expected = masters ? 1 - 16 * update : 1f;
            assertArrayEquals(new float[] {expected, expected}, weight.data(), "master weights " + masters);
        }
    }

    /** Cross-entropy with its gradient multiplied by 2^-28: far below fp16's smallest subnormal (2^-24). */
    private static Objective tinyGradients() {
        Objective crossEntropy = Objective.crossEntropy(PrecisionFixtures.CLASSES);
        return new Objective() {
            private float[] gradient = new float[0];

            @Override
            public double forward(float[] logits, int[] labels, int[] examples, int n) {
                return crossEntropy.forward(logits, labels, examples, n);
            }

            @Override
            public float[] backward() {
                float[] g = crossEntropy.backward();
                if (gradient.length < g.length) {
                    gradient = new float[g.length];
                }
                for (int i = 0; i < g.length; i++) {
                    gradient[i] = g[i] * 0x1p-28f;
                }
                return gradient;
            }
        };
    }

    private static TrainingResult trainWithTinyGradients(Network net, String scaling) {
        Dataset data = PrecisionFixtures.blobs(320, 1);
        // the learning rate makes up for the tiny gradients, so the fp32 updates are ordinary ones
        TrainConfig cfg = new TrainConfig(5, 32, "sgd", 0.05 * 0x1p28, 0, 0);
        PrecisionConfig precision = new PrecisionConfig("fp32", "fp32", "fp16", "nearest-even", false, scaling, 0x1p28, 2000);
        return PrecisionFixtures.train(LowPrecisionTraining.prepare(net, precision, 5), data, cfg, 7,
                TrainingHooks.NONE.withObjective(tinyGradients()));
    }

    @Test
    void fp16GradientsUnderflowWithoutLossScalingAndSurviveWithIt() {
        Network unscaled = PrecisionFixtures.mlp(3);
        List<float[]> initial = values(unscaled);
        trainWithTinyGradients(unscaled, "none");
        assertTrue(bitIdentical(initial, values(unscaled)), "every gradient flushed to zero");

        TrainingResult scaled = trainWithTinyGradients(PrecisionFixtures.mlp(3), "static");
        List<Double> losses = scaled.epochLosses();
        assertTrue(losses.get(4) < 0.7 * losses.get(0), "static scaling trains: " + losses);
    }
}
