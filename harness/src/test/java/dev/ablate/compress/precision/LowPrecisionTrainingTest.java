package dev.ablate.compress.precision;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.data.Dataset;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.nn.TrainingResult;
import dev.ablate.spec.PrecisionConfig;
import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.ablate.compress.precision.PrecisionFixtures.bitIdentical;
import static dev.ablate.compress.precision.PrecisionFixtures.formats;
import static dev.ablate.compress.precision.PrecisionFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LowPrecisionTrainingTest {

    private static final Dataset DATA = PrecisionFixtures.blobs(320, 1);
    /** Plain SGD with a learning rate whose updates (about 0.003) are far below half a fixed<16,4> step (1/32). */
    private static final TrainConfig SMALL_STEPS = new TrainConfig(10, 32, "sgd", 0.01, 0, 0);
    private static final TrainConfig MOMENTUM = new TrainConfig(3, 32, "sgd", 0.05, 0.9, 1e-4);

    private static TrainingResult train(Network net, PrecisionConfig cfg, TrainConfig train, long seed) {
        return PrecisionFixtures.train(LowPrecisionTraining.prepare(net, cfg, seed), DATA, train, 7,
                TrainingHooks.NONE);
    }

    @Test
    void fp32EverywhereIsPlainTrainingBitForBit() {
        Network plain = PrecisionFixtures.mlp(3);
        new Trainer().train(plain, DATA, PrecisionFixtures.none(DATA), MOMENTUM, 7, null);
        Network simulated = PrecisionFixtures.mlp(3);
        train(simulated, formats("fp32", "fp32", "fp32", "stochastic", true), MOMENTUM, 5);
        assertTrue(bitIdentical(values(plain), values(simulated)));
    }

    @Test
    void roundToNearestStallsWhenUpdatesAreBelowHalfAStepAndStochasticRoundingLearns() {
        // Gupta et al. 2015, §4: with few fractional bits, round-to-nearest drops every small update
        Network nearest = PrecisionFixtures.logreg(3);
        LowPrecisionTraining.Prepared prepared = LowPrecisionTraining.prepare(nearest,
                formats("fixed<16,4>", "fp32", "fp32", "nearest-even", false), 5);
        prepared.hook().beforeForward(0);
        List<float[]> initial = values(nearest);
        TrainingResult stalled = PrecisionFixtures.train(prepared, DATA, SMALL_STEPS, 7, TrainingHooks.NONE);
        assertTrue(bitIdentical(initial, values(nearest)), "no weight moved");
        assertEquals(stalled.epochLosses().get(0), stalled.epochLosses().get(9));

        TrainingResult stochastic = train(PrecisionFixtures.logreg(3),
                formats("fixed<16,4>", "fp32", "fp32", "stochastic", false), SMALL_STEPS, 5);
        double last = stochastic.epochLosses().get(9);
        assertTrue(last < 0.7 * stalled.epochLosses().get(9), "stochastic rounding learns: " + last);
    }

    @Test
    void masterWeightsAccumulateTheUpdatesRoundToNearestWouldDrop() {
        TrainingResult masters = train(PrecisionFixtures.logreg(3),
                formats("fixed<16,4>", "fp32", "fp32", "nearest-even", true), SMALL_STEPS, 5);
        Network fp32 = PrecisionFixtures.logreg(3);
        TrainingResult plain = new Trainer().train(fp32, DATA, PrecisionFixtures.none(DATA), SMALL_STEPS, 7, null);
        double last = masters.epochLosses().get(9);
        assertTrue(last < 0.7 * masters.epochLosses().get(0), "masters learn: " + masters.epochLosses());
        assertEquals(plain.epochLosses().get(9), last, 0.05, "as fp32 training does, up to the weight cast");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theDeployableNetworkHoldsWeightsOfTheFormatAndNoCasts(boolean masterWeights) {
        Network net = PrecisionFixtures.mlp(3);
        LowPrecisionTraining.Prepared prepared = LowPrecisionTraining.prepare(net,
                formats("fp8-e4m3", "bf16", "fp8-e5m2", "stochastic", masterWeights), 5);
        assertEquals(2 * net.layers().size() + 1, prepared.trainingNetwork().layers().size());
        assertEquals(net.layers().size() + 1,
                prepared.trainingNetwork().layers().stream().filter(l -> l instanceof CastLayer).count());
        assertSame(net.parameters().get(0), prepared.trainingNetwork().parameters().get(0));
        PrecisionFixtures.train(prepared, DATA, MOMENTUM, 7, TrainingHooks.NONE);
        assertSame(net, prepared.finish());
        for (Layer l : net.layers()) {
            assertFalse(l instanceof CastLayer);
        }
        ScalarFormat e4m3 = ScalarFormat.parse("fp8-e4m3");
        for (Parameter p : net.parameters()) {
            for (float w : p.data()) {
                assertEquals(w, e4m3.round(w, Rounding.NEAREST_EVEN, null), p.name());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void prunedWeightsStayZero(boolean masterWeights) {
        Network net = PrecisionFixtures.mlp(3);
        Parameter fc1 = net.parameter("fc1.weight");
        float[] mask = new float[fc1.size()];
        for (int i = 0; i < mask.length; i += 2) {
            mask[i] = 1;
        }
        fc1.setMask(mask);
        train(net, formats("fixed<16,4>", "fp16", "fp16", "stochastic", masterWeights), MOMENTUM, 5);
        for (int i = 1; i < mask.length; i += 2) {
            assertEquals(0, Float.floatToRawIntBits(fc1.data()[i]), "fc1.weight[" + i + "]");
        }
        assertTrue(fc1.nonzeroCount() > 0);
    }

    @Test
    void theSameSeedGivesBitIdenticalTrainingAndAnotherSeedDoesNot() {
        PrecisionConfig cfg = new PrecisionConfig("bf16", "fp8-e4m3", "fp8-e5m2", "stochastic", false, "dynamic",
                256, 5);
        Network a = PrecisionFixtures.mlp(3);
        Network b = PrecisionFixtures.mlp(3);
        Network c = PrecisionFixtures.mlp(3);
        LowPrecisionTraining.Prepared pa = LowPrecisionTraining.prepare(a, cfg, 5);
        LowPrecisionTraining.Prepared pb = LowPrecisionTraining.prepare(b, cfg, 5);
        PrecisionFixtures.train(pa, DATA, MOMENTUM, 7, TrainingHooks.NONE);
        PrecisionFixtures.train(pb, DATA, MOMENTUM, 7, TrainingHooks.NONE);
        train(c, cfg, MOMENTUM, 6);
        assertTrue(bitIdentical(values(a), values(b)));
        assertEquals(pa.hook().stats(), pb.hook().stats());
        assertFalse(bitIdentical(values(a), values(c)));
    }
}
