package dev.ablate.compress.quant.integer;

import dev.ablate.metrics.QualityMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.DatasetSplits;
import dev.ablate.data.FashionMnistMini;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.BatchNorm2d;
import dev.ablate.nn.BatchNormFolding;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.EpochListener;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Linear;
import dev.ablate.nn.MaxPool2d;
import dev.ablate.nn.Network;
import dev.ablate.nn.ReLU;
import dev.ablate.nn.Tanh;
import dev.ablate.nn.Trainer;
import dev.ablate.spec.DatasetSpec;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: a briefly trained model, folded, int8 weights per channel and calibrated uint8 activations; the integer
 * network must predict like the fp32 simulation (fake-quant at every activation site) on the test split.
 */
class IntegerNetworkTest {

    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() {
        DatasetSplits data = DatasetRegistry.load(DatasetSpec.named(FashionMnistMini.NAME, 0));
        train = data.train();
        test = data.test();
    }

    private static Network trained(String arch, int examples) {
        Network net = ModelZoo.build(new ModelConfig(arch, List.of(), "relu"), train.exampleShape(), train.classCount(), 0);
        int d = train.featureCount();
        Dataset subset = new Dataset("train[:" + examples + "]", Arrays.copyOf(train.features(), examples * d),
                Arrays.copyOf(train.labels(), examples), train.exampleShape(), train.classNames());
        Dataset none = new Dataset("none", new float[0], new int[0], train.exampleShape(), train.classNames());
        new Trainer().train(net, subset, none, new TrainConfig(1, 64, "sgd", 0.05, 0.9, 0.0), 0, EpochListener.NONE);
        return BatchNormFolding.fold(net);
    }

    /** Deployed vs simulated predictions on the test split: agreement and accuracies. */
    private static void assertDeployedMatchesSimulation(Network folded, QuantScheme activations, double minAgreement,
                                                        double maxGap) {
        Int8Calibration cal = Int8Calibration.calibrate(folded, train, 8, 128, activations);
        IntegerNetwork deployed = cal.toInteger();
        int n = test.size();
        int[] integer = deployed.predict(test.features(), n);
        int[] simulated = Network.predictions(cal.simulatedLogits(test.features(), n), n, test.classCount());
        int agree = 0;
        for (int i = 0; i < n; i++) {
            agree += integer[i] == simulated[i] ? 1 : 0;
        }
        double agreement = (double) agree / n;
        double gap = Math.abs(QualityMetrics.accuracy(integer, test.labels())
                - QualityMetrics.accuracy(simulated, test.labels()));
        assertTrue(agreement >= minAgreement, "agreement " + agreement);
        assertTrue(gap < maxGap, "accuracy gap " + gap);
        assertTrue(deployed.packedBytes() * 3 < deployed.fp32Bytes(), deployed.packedBytes() + " vs " + deployed.fp32Bytes());
        // chunking and batch size do not change the result
        int[] one = deployed.predict(Arrays.copyOf(test.features(), test.featureCount()), 1);
        assertEquals(integer[0], one[0]);
    }

    @Test
    void lenet300100DeployedAgreesWithSimulation() {
        Network folded = trained("lenet-300-100", 10_000);
        assertDeployedMatchesSimulation(folded, QuantScheme.UNSIGNED_AFFINE, 0.995, 0.005);
    }

    @Test
    void lenet5DeployedAgreesWithSimulation() {
        Network folded = trained("lenet-5", 512);
        assertDeployedMatchesSimulation(folded, QuantScheme.UNSIGNED_AFFINE, 0.995, 0.005);
    }

    /** Stride, padding, folded BatchNorm, a standalone ReLU and signed int8 activations, untrained. */
    @Test
    void paddedStridedConvWithFoldedBatchNormAndSignedActivationsAgrees() {
        SplittableRandom rng = new SplittableRandom(5);
        Conv2d conv = new Conv2d("conv1", 1, 28, 28, 6, 3, 2, 1);
        conv.resetParameters(rng);
        BatchNorm2d bn = new BatchNorm2d("bn1", 6, 14, 14);
        MaxPool2d pool = new MaxPool2d("pool1", 6, 14, 14, 2, 2);
        Linear fc1 = new Linear("fc1", 6 * 7 * 7, 32);
        fc1.resetParameters(rng);
        Linear fc2 = new Linear("fc2", 32, 10);
        fc2.resetParameters(rng);
        Network net = new Network(List.of(conv, bn, pool, new ReLU(6 * 7 * 7), new Flatten(6, 7, 7), fc1, new ReLU(32), fc2));
        assertDeployedMatchesSimulation(BatchNormFolding.fold(net), QuantScheme.SIGNED_SYMMETRIC, 0.995, 0.005);
    }

    @Test
    void refusesWhatItCannotConvertNamingTheLayer() {
        SplittableRandom rng = new SplittableRandom(6);
        Linear fc1 = new Linear("fc1", 4, 3);
        fc1.resetParameters(rng);
        Linear fc2 = new Linear("fc2", 3, 2);
        fc2.resetParameters(rng);
        float[] x = new float[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        Dataset data = new Dataset("random", x, new int[10], new int[] {4}, List.of("a", "b"));
        Network tanh = new Network(List.of(fc1, new Tanh(3), fc2));
        Int8Calibration cal = Int8Calibration.calibrate(tanh, data, 2, 5, QuantScheme.UNSIGNED_AFFINE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cal::toInteger);
        assertTrue(e.getMessage().contains("Tanh") && e.getMessage().contains("no integer-only implementation"), e.getMessage());

        Network plain = new Network(List.of(fc1, new ReLU(3), fc2));
        Int8Calibration ok = Int8Calibration.calibrate(plain, data, 2, 5, QuantScheme.UNSIGNED_AFFINE);
        e = assertThrows(IllegalArgumentException.class, () -> IntegerNetwork.convert(plain, ok.weightParams(),
                ok.activationParams(), ok.activationRange()));
        assertTrue(e.getMessage().contains("'fc1'") && e.getMessage().contains("not on the grid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IntegerNetwork.convert(ok.network(), ok.weightParams(),
                ok.activationParams(), new IntRange(0, 511)));
        assertTrue(e.getMessage().contains("more than 8 bits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IntegerNetwork.convert(ok.network(), ok.weightParams(),
                ok.activationParams().subList(0, 1), ok.activationRange()));
        assertTrue(e.getMessage().contains("expected 2 activation QParams"), e.getMessage());
    }
}
