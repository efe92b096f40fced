package dev.ablate.nn;

import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.spec.EarlyStopping;
import dev.ablate.spec.LrSchedule;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    private static TrainConfig config(int epochs, String optimizer, double lr, boolean nesterov, LrSchedule schedule,
                                      double clip, EarlyStopping stopping) {
        return new TrainConfig(epochs, 32, optimizer, lr, 0.9, nesterov, 1e-3, 0.9, 0.999, 1e-8, schedule, clip,
                stopping);
    }

    /** The xor-like features with every label shifted by one: fitting the training split makes this worse. */
    private static Dataset contradicting(Dataset data) {
        int[] y = data.labels().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = (y[i] + 1) % data.classCount();
        }
        return new Dataset(data.name() + "-shifted", data.features(), y, data.exampleShape(), data.classNames());
    }

    private static float[][] snapshot(Network net) {
        return net.parameters().stream().map(p -> p.data().clone()).toArray(float[][]::new);
    }

    @Test
    void validationIsMeasuredInInferenceModeAfterEveryEpoch() {
        Dataset train = TestNetworks.xorLike("xor/train", 400, 11);
        Dataset validation = TestNetworks.xorLike("xor/validation", 200, 13);
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        LrSchedule cosine = new LrSchedule("cosine", 1, 1, 1, 0.0);
        List<EpochStats> seen = new ArrayList<>();
        TrainingResult r = new Trainer().train(net, train, validation, config(4, "sgd", 0.05, false, cosine, 0, null),
                3, seen::add);
        assertEquals(r.epochStats(), seen);
        assertEquals(4, r.bestEpoch());
        assertFalse(r.stoppedEarly());
        EpochStats last = r.best();
        assertEquals(TestNetworks.accuracy(net, validation), last.validationAccuracy());
        float[] logits = net.logits(validation.features(), validation.size());
        assertEquals(new SoftmaxCrossEntropy(4).forward(logits, validation.labels(), validation.size()),
                last.validationLoss());
        // the learning rate of each epoch's last step: warm-up (13 steps per epoch), then cosine over 3 epochs
        LrScheduler schedule = new LrScheduler(cosine, 0.05, 4);
        for (EpochStats s : r.epochStats()) {
            assertEquals(schedule.learningRate(s.epoch() - 1, 12, 13), s.learningRate(), "epoch " + s.epoch());
            assertTrue(s.seconds() >= 0);
        }

        TrainingResult none = new Trainer().train(TestNetworks.mlp(1, 8, 4, 16), train, noValidation(train),
                config(2, "sgd", 0.05, false, LrSchedule.CONSTANT, 0, null), 3, null);
        assertTrue(Double.isNaN(none.best().validationLoss()) && Double.isNaN(none.best().validationAccuracy()));
        assertEquals(0.05, none.best().learningRate());
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsAndRestoresTheBestWeights() {
        Dataset train = TestNetworks.xorLike("xor/train", 400, 11);
        Dataset validation = contradicting(TestNetworks.xorLike("xor/validation", 200, 13));
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        List<float[][]> weights = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(3, "val_loss", 0.0);
        TrainingResult r = new Trainer().train(net, train, validation,
                config(30, "adam", 0.01, false, LrSchedule.CONSTANT, 0, stopping), 3, s -> weights.add(snapshot(net)));

        // replay the rule on the recorded losses: the run must end exactly `patience` epochs after the best one
        int best = 1;
        for (EpochStats s : r.epochStats()) {
            if (s.validationLoss() < r.epochStats().get(best - 1).validationLoss()) {
                best = s.epoch();
            }
        }
        assertTrue(r.stoppedEarly());
        assertEquals(best, r.bestEpoch());
        assertEquals(best + 3, r.epochs(), "stopped after patience epochs without improvement");
        assertTrue(r.epochs() < 30);
        float[][] expected = weights.get(best - 1);
        float[][] actual = snapshot(net);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], net.parameters().get(i).name() + " restored to epoch " + best);
        }
        assertFalse(java.util.Arrays.equals(weights.get(r.epochs() - 1)[0], actual[0]), "the last epoch differed");
    }

    @Test
    void earlyStoppingHonoursMinDeltaOnAccuracy() {
        Dataset train = TestNetworks.xorLike("xor/train", 400, 11);
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        // accuracy cannot rise by more than 0.9 after the first epoch, so no later epoch counts as improved
        EarlyStopping stopping = new EarlyStopping(2, "val_accuracy", 0.9);
        TrainingResult r = new Trainer().train(net, train, train,
                config(10, "sgd", 0.05, false, LrSchedule.CONSTANT, 0, stopping), 3, null);
        assertEquals(1, r.bestEpoch());
        assertEquals(3, r.epochs());
        assertTrue(r.stoppedEarly());
    }

    @Test
    void earlyStoppingNeedsValidationData() {
        Dataset train = TestNetworks.xorLike("xor/train", 50, 11);
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        float[][] before = snapshot(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer().train(net,
                train, noValidation(train), config(3, "sgd", 0.05, false, LrSchedule.CONSTANT, 0,
                        new EarlyStopping(2, "val_loss", 0)), 1, null));
        assertTrue(e.getMessage().contains("dataset.validation"), e.getMessage());
        IllegalArgumentException monitor = assertThrows(IllegalArgumentException.class, () -> new Trainer().train(net,
                train, train, config(3, "sgd", 0.05, false, LrSchedule.CONSTANT, 0,
                        new EarlyStopping(2, "val_f1", 0)), 1, null));
        assertTrue(monitor.getMessage().contains("val_loss, val_accuracy"), monitor.getMessage());
        assertArrayEquals(before[0], snapshot(net)[0], "nothing trained before the check");
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(Arguments.of("sgd", 0.05, true), Arguments.of("adam", 0.01, false),
                Arguments.of("adamw", 0.01, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void masksSurviveEveryOptimizer(String optimizer, double lr, boolean nesterov) {
        Dataset train = TestNetworks.xorLike("xor/train", 300, 11);
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        Parameter w = net.parameter("fc1.weight");
        float[] mask = new float[w.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 0f : 1f;
        }
        w.setMask(mask);
        LrSchedule warm = new LrSchedule("step", 1, 0.8, 1, 0);
        new Trainer().train(net, train, train, config(3, optimizer, lr, nesterov, warm, 0.5, null), 3, null);
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0f) {
                assertEquals(0, Float.floatToRawIntBits(w.data()[i]), optimizer + ": fc1.weight[" + i + "]");
            } else {
                assertTrue(w.data()[i] != 0f);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void sameSeedGivesBitIdenticalWeightsForEveryOptimizer(String optimizer, double lr, boolean nesterov) {
        Dataset train = TestNetworks.xorLike("xor/train", 300, 11);
        Dataset validation = TestNetworks.xorLike("xor/validation", 100, 13);
        TrainConfig cfg = new TrainConfig(4, 17, optimizer, lr, 0.9, nesterov, 1e-3, 0.9, 0.999, 1e-8,
                new LrSchedule("cosine", 1, 1, 1, 1e-4), 1.0, new EarlyStopping(2, "val_loss", 0));
        Network a = TestNetworks.mlp(1, 8, 4, 16);
        Network b = TestNetworks.mlp(1, 8, 4, 16);
        Network c = TestNetworks.mlp(1, 8, 4, 16);
        TrainingResult ra = new Trainer().train(a, train, validation, cfg, 5, null);
        TrainingResult rb = new Trainer().train(b, train, validation, cfg, 5, null);
        new Trainer().train(c, train, validation, cfg, 6, null);
        assertTrue(TestNetworks.bitIdentical(a, b), optimizer);
        assertFalse(TestNetworks.bitIdentical(a, c), optimizer + ": another seed");
        assertEquals(ra.epochLosses(), rb.epochLosses());
        assertEquals(ra.epochStats().stream().map(EpochStats::validationLoss).toList(),
                rb.epochStats().stream().map(EpochStats::validationLoss).toList());
        assertEquals(ra.bestEpoch(), rb.bestEpoch());
    }

    /** An empty split shaped like {@code data}: training without validation. */
    static Dataset noValidation(Dataset data) {
        return new Dataset(data.name() + "-validation", new float[0], new int[0], data.exampleShape(),
                data.classNames());
    }

    @Test
    void aBatchNormNetworkSkipsALastBatchOfOneExample() {
        Dataset train = TestNetworks.xorLike("xor/65", 65, 3); // 64 + 1
        Network net = ModelZoo.build(new ModelConfig("mlp", List.of(8), "relu", 0.0, true),
                new int[] {train.featureCount()}, 4, 1);
        TrainingResult r = new Trainer().train(net, train, noValidation(train), new TrainConfig(2, 64, "sgd", 0.05,
                0.9, 0), 1, EpochListener.NONE);
        assertEquals(2, r.epochs());
        assertTrue(Double.isFinite(r.epochLosses().get(1)));
    }
}
