package dev.ablate.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.data.Dataset;
import dev.ablate.spec.LrSchedule;
import dev.ablate.spec.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingHooksTest {

    private static final Dataset TRAIN = TestNetworks.xorLike("xor/train", 300, 11);
    private static final TrainConfig COSINE = new TrainConfig(4, 32, "sgd", 0.05, 0.9, false, 1e-4, 0.9, 0.999, 1e-8,
            new LrSchedule("cosine", 1, 0.1, 0, 0), 0, null);

    private static Network train(TrainingHooks hooks) {
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        new Trainer().train(net, TRAIN, TrainerTest.noValidation(TRAIN), COSINE, 5, null, hooks);
        return net;
    }

    @Test
    void crossEntropyObjectiveAndNoHookAreThePlainRun() {
        Network plain = TestNetworks.mlp(1, 8, 4, 16);
        new Trainer().train(plain, TRAIN, TrainerTest.noValidation(TRAIN), COSINE, 5, null);
        assertTrue(TestNetworks.bitIdentical(plain, train(TrainingHooks.NONE)));
    }

    @Test
    void anEpochLimitReplaysTheStartOfTheLongerRunUnderItsSchedule() {
        Network limited = train(TrainingHooks.NONE.withEpochLimit(2));
        // the same two epochs of the 4-epoch cosine schedule, not a 2-epoch schedule
        Network twoEpochSchedule = TestNetworks.mlp(1, 8, 4, 16);
        new Trainer().train(twoEpochSchedule, TRAIN, TrainerTest.noValidation(TRAIN), COSINE.withEpochs(2), 5, null);
        Network reference = TestNetworks.mlp(1, 8, 4, 16);
        List<Double> fullLrs = new ArrayList<>();
        new Trainer().train(reference, TRAIN, TrainerTest.noValidation(TRAIN), COSINE, 5, s -> fullLrs.add(s.learningRate()),
                TrainingHooks.NONE.withEpochLimit(2));
        assertEquals(2, fullLrs.size());
        assertTrue(TestNetworks.bitIdentical(limited, reference));
        assertTrue(!TestNetworks.bitIdentical(limited, twoEpochSchedule));
    }

    @Test
    void aVetoedUpdateLeavesTheWeightsAndCountsTheStep() {
        Network initial = TestNetworks.mlp(1, 8, 4, 16);
        List<Long> seen = new ArrayList<>();
        Network vetoed = train(TrainingHooks.NONE.withStepHook(new StepHook() {
            @Override
            public boolean beforeUpdate(long step) {
                seen.add(step);
                return false;
            }
        }));
        for (int i = 0; i < initial.parameters().size(); i++) {
            assertArrayEquals(initial.parameters().get(i).data(), vetoed.parameters().get(i).data());
        }
        assertEquals(4 * 10, seen.size()); // 300 examples in batches of 32: 10 steps per epoch
        assertEquals(39L, seen.get(39));
    }

    @Test
    void aParameterLeftNonFiniteByTheLastUpdateIsDivergenceAlthoughEveryLossWasFinite() {
        Network net = TestNetworks.mlp(1, 8, 4, 16);
        Parameter bias = net.parameters().get(1);
        DivergedException e = assertThrows(DivergedException.class, () -> new Trainer().train(net, TRAIN,
                TrainerTest.noValidation(TRAIN), COSINE.withEpochs(1), 5, null, TrainingHooks.NONE.withStepHook(
                        new StepHook() {
                            @Override
                            public void afterUpdate(long step) {
                                if (step == 9) { // the epoch's last step: no loss sees it
                                    bias.data()[3] = Float.POSITIVE_INFINITY;
                                }
                            }
                        })));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().contains(bias.name() + "[3] = Infinity after epoch 1"), e.getMessage());
    }

    @Test
    void theLossGradientIsScaledBeforeTheBackwardPass() {
        // scaling the loss gradient by 4 and the learning rate by 1/4 is the same SGD step without momentum
        TrainConfig plain = new TrainConfig(1, 32, "sgd", 0.04, 0, 0);
        TrainConfig quarter = new TrainConfig(1, 32, "sgd", 0.01, 0, 0);
        Network a = TestNetworks.mlp(1, 8, 4, 16);
        Network b = TestNetworks.mlp(1, 8, 4, 16);
        new Trainer().train(a, TRAIN, TrainerTest.noValidation(TRAIN), plain, 5, null);
        new Trainer().train(b, TRAIN, TrainerTest.noValidation(TRAIN), quarter, 5, null,
                TrainingHooks.NONE.withStepHook(new StepHook() {
                    @Override
                    public float lossScale() {
                        return 4f;
                    }
                }));
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).data(), b.parameters().get(i).data(), 1e-5f);
        }
    }
}
