package dev.ablate.nn;

import dev.ablate.data.Dataset;
import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final TrainConfig CFG = new TrainConfig(25, 32, "sgd", 0.05, 0.9, 1e-4);

    @Test
    void mlpLearnsANonLinearProblem() {
        Dataset train = TestNetworks.xorLike("xor/train", 2000, 11);
        Dataset test = TestNetworks.xorLike("xor/test", 1000, 12);
        Network net = TestNetworks.mlp(1, 8, 4, 32, 16);
        List<double[]> seen = new ArrayList<>();
        TrainingResult r = new Trainer().train(net, train, noValidation(train), CFG, 7,
                s -> seen.add(new double[] {s.epoch(), s.trainLoss(), s.trainAccuracy()}));
        assertEquals(25, r.epochs());
        assertEquals(25, seen.size());
        assertEquals(1, (int) seen.get(0)[0]);
        assertEquals(r.epochLosses().get(24), seen.get(24)[1]);
        assertTrue(r.epochLosses().get(24) < 0.5 * r.epochLosses().get(0), "loss should fall: " + r.epochLosses());
        assertTrue(r.epochTrainAccuracies().get(24) > 0.95, "train accuracy " + r.epochTrainAccuracies());
        double testAcc = TestNetworks.accuracy(net, test);
        assertTrue(testAcc > 0.93, "test accuracy " + testAcc);
        assertTrue(r.wallSeconds() > 0);
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndOtherSeedDoesNot() {
        Dataset train = TestNetworks.xorLike("xor/train", 300, 11);
        TrainConfig cfg = new TrainConfig(3, 17, "sgd", 0.05, 0.9, 1e-4); // 300 % 17 != 0: partial batch
        Network a = TestNetworks.mlp(1, 8, 4, 16);
        Network b = TestNetworks.mlp(1, 8, 4, 16);
        Network c = TestNetworks.mlp(1, 8, 4, 16);
        TrainingResult ra = new Trainer().train(a, train, noValidation(train), cfg, 5, null);
        TrainingResult rb = new Trainer().train(b, train, noValidation(train), cfg, 5, null);
        new Trainer().train(c, train, noValidation(train), cfg, 6, null);
        assertTrue(TestNetworks.bitIdentical(a, b));
        assertEquals(ra.epochLosses(), rb.epochLosses());
        assertFalse(TestNetworks.bitIdentical(a, c));
    }

    @Test
    void hugeLearningRateDiverges() {
        Dataset train = TestNetworks.xorLike("xor/train", 300, 11);
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        DivergedException e = assertThrows(DivergedException.class,
                () -> new Trainer().train(net, train, noValidation(train), new TrainConfig(5, 32, "sgd", 1e30, 0.9, 0), 1,
                        null));
        assertFalse(Double.isFinite(e.loss()));
        assertTrue(e.getMessage().contains("epoch " + e.epoch()) && e.getMessage().contains("step " + e.step()),
                e.getMessage());
    }

    @Test
    void maskedWeightsStayExactlyZeroThroughTraining() {
        Dataset train = TestNetworks.xorLike("xor/train", 500, 11);
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        Parameter w = net.parameter("fc1.weight");
        float[] mask = new float[w.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 0f : 1f;
        }
        w.setMask(mask);
        new Trainer().train(net, train, noValidation(train), new TrainConfig(3, 32, "sgd", 0.1, 0.9, 1e-3), 3, null);
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0f) {
                assertEquals(0, Float.floatToRawIntBits(w.data()[i]), "fc1.weight[" + i + "] must stay +0.0");
            } else {
                assertTrue(w.data()[i] != 0f);
            }
        }
    }

    @Test
    void rejectsUnknownOptimizerAndMismatchedData() {
        Dataset train = TestNetworks.xorLike("xor/train", 10, 11);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer()
                .train(TestNetworks.mlp(1, 8, 4), train, noValidation(train), new TrainConfig(1, 4, "rmsprop", 0.1, 0, 0),
                        1, null));
        assertTrue(e.getMessage().contains("'rmsprop'") && e.getMessage().contains("sgd, adam, adamw"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train(TestNetworks.mlp(1, 9, 4), train, noValidation(train), CFG, 1, null));
    }

    /** An empty split shaped like {@code data}: training without validation. */
    static Dataset noValidation(Dataset data) {
        return new Dataset(data.name() + "-validation", new float[0], new int[0], data.exampleShape(),
                data.classNames());
    }
}
