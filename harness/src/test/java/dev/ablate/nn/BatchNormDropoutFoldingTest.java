package dev.ablate.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BatchNorm running statistics and inference, Dropout scaling and seeding, and BatchNorm folding. */
class BatchNormDropoutFoldingTest {

    @Test
    void batchNorm1dUpdatesRunningStatsWithUnbiasedVarianceAndInfersWithThem() {
        BatchNorm1d bn = new BatchNorm1d("bn1", 2);
        bn.setTraining(true, 0);
        // feature 0: 1, 2, 3, 6 -> mean 3, biased var 3.5, unbiased 14/3
        // feature 1: 0, 0, 4, 4 -> mean 2, biased var 4, unbiased 16/3
        float[] x = {1, 0, 2, 0, 3, 4, 6, 4};
        float[] y = bn.forward(x, 4);
        double inv0 = 1 / Math.sqrt(3.5 + 1e-5);
        assertEquals((1 - 3) * inv0, y[0], 1e-6);
        assertEquals((6 - 3) * inv0, y[6], 1e-6);
        assertEquals((0 - 2) / Math.sqrt(4 + 1e-5), y[1], 1e-6);
        assertEquals(0.9 * 0 + 0.1 * 3, bn.runningMean()[0], 1e-7);
        assertEquals(0.9 * 0 + 0.1 * 2, bn.runningMean()[1], 1e-7);
        assertEquals(0.9 * 1 + 0.1 * 14.0 / 3, bn.runningVar()[0], 1e-6);
        assertEquals(0.9 * 1 + 0.1 * 16.0 / 3, bn.runningVar()[1], 1e-6);

        // a second batch compounds the momentum
        float[] x2 = {2, 1, 4, 3};  // feature 0: 2, 4 (mean 3, unbiased var 2); feature 1: 1, 3 (mean 2, var 2)
        bn.forward(x2, 2);
        assertEquals(0.9 * 0.3 + 0.1 * 3, bn.runningMean()[0], 1e-6);
        assertEquals(0.9 * (0.9 + 0.1 * 14.0 / 3) + 0.1 * 2, bn.runningVar()[0], 1e-6);

        // inference: running stats, affine, nothing updated
        bn.weight().data()[0] = 2f;
        bn.bias().data()[0] = 0.5f;
        bn.setTraining(false, 0);
        float rm = bn.runningMean()[0];
        float rv = bn.runningVar()[0];
        float[] z = bn.forward(new float[] {1.5f, 7f}, 1);
        assertEquals(2 * (1.5 - rm) / Math.sqrt(rv + 1e-5) + 0.5, z[0], 1e-5);
        assertEquals(rm, bn.runningMean()[0]);
        assertEquals(rv, bn.runningVar()[0]);
    }

    @Test
    void frozenStatisticsNormalizeWithTheRunningOnesInTrainingModeAndStopUpdating() {
        BatchNorm1d bn = new BatchNorm1d("bn1", 2);
        bn.setTraining(true, 0);
        bn.forward(new float[] {1, 10, 3, 20, 5, 30}, 3);
        float[] mean = bn.runningMean().clone();
        float[] var = bn.runningVar().clone();
        bn.freezeStatistics();
        bn.setTraining(true, 1); // the trainer's next epoch
        assertFalse(bn.training());
        assertTrue(bn.statisticsFrozen());
        float[] x = {7, -4, 2, 8};
        float[] y = bn.forward(x, 2).clone();
        assertArrayEquals(mean, bn.runningMean(), "statistics no longer updated");
        assertArrayEquals(var, bn.runningVar());
        BatchNorm1d inference = (BatchNorm1d) bn.copy();
        assertTrue(inference.statisticsFrozen(), "copies keep the freeze");
        inference.setTraining(false, 0);
        assertArrayEquals(inference.forward(x, 2), java.util.Arrays.copyOf(y, 4), "same as inference");
        float[] g = bn.backward(new float[] {1, 1, 1, 1}, 2, true);
        assertEquals(bn.weight().data()[0] / (float) Math.sqrt(var[0] + BatchNorm.EPS), g[0], 1e-6,
                "inference-mode gradient: the statistics are constants");
    }

    @Test
    void batchNorm2dStatisticsCoverBatchAndPixels() {
        BatchNorm2d bn = new BatchNorm2d("bn1", 2, 1, 2);
        bn.setTraining(true, 0);
        // channel 0 values over (n, pixels): 1, 3, 5, 7 -> mean 4, biased 5, unbiased 20/3; channel 1: all 2
        float[] x = {1, 3, 2, 2, 5, 7, 2, 2};
        float[] y = bn.forward(x, 2);
        assertEquals(0.4f, bn.runningMean()[0], 1e-7);
        assertEquals(0.9 + 0.1 * 20.0 / 3, bn.runningVar()[0], 1e-6);
        assertEquals(0.2f, bn.runningMean()[1], 1e-7);
        assertEquals(0.9f, bn.runningVar()[1], 1e-7);
        assertEquals(-3 / Math.sqrt(5 + 1e-5), y[0], 1e-6);
        assertEquals(0f, y[2], 0f); // constant channel normalises to 0
    }

    @Test
    void batchNormRefusesOneValuePerChannelInTraining() {
        BatchNorm1d bn = new BatchNorm1d("bn1", 3);
        bn.setTraining(true, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(new float[3], 1));
        assertTrue(e.getMessage().contains("bn1"), e.getMessage());
        bn.setTraining(false, 0);
        bn.forward(new float[3], 1); // fine in inference
    }

    @Test
    void batchNormParametersAreNotPrunable() {
        BatchNorm2d bn = new BatchNorm2d("bn3", 4, 2, 2);
        assertEquals(List.of("bn3.weight", "bn3.bias"), bn.parameters().stream().map(Parameter::name).toList());
        assertFalse(bn.weight().prunable());
        assertFalse(bn.bias().prunable());
        assertArrayEquals(new float[] {1, 1, 1, 1}, bn.weight().data());
    }

    @Test
    void dropoutScalesSurvivorsAndIsIdentityInInference() {
        int n = 100, d = 100;
        float[] x = new float[n * d];
        java.util.Arrays.fill(x, 1f);
        Dropout drop = new Dropout("dropout1", d, 0.25);
        drop.setTraining(true, 7);
        float[] y = drop.forward(x, n);
        int zeros = 0;
        for (int i = 0; i < n * d; i++) {
            if (y[i] == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.75f, y[i], 0f);
            }
        }
        // 10,000 Bernoulli(0.25) draws: mean 2500, sd ~43
        assertTrue(Math.abs(zeros - 2500) < 250, zeros + " zeros");
        drop.setTraining(false, 7);
        assertArrayEquals(x, java.util.Arrays.copyOf(drop.forward(x, n), n * d));
    }

    @Test
    void dropoutMasksAreReproducibleAndDependOnSeedAndName() {
        float[] x = new float[64];
        java.util.Arrays.fill(x, 1f);
        float[] a = masks(new Dropout("dropout1", 64, 0.5), 3, x);
        assertArrayEquals(a, masks(new Dropout("dropout1", 64, 0.5), 3, x));
        assertFalse(java.util.Arrays.equals(a, masks(new Dropout("dropout1", 64, 0.5), 4, x)));
        assertFalse(java.util.Arrays.equals(a, masks(new Dropout("dropout2", 64, 0.5), 3, x)));
    }

    /** Two consecutive training batches after seeding. */
    private static float[] masks(Dropout d, long seed, float[] x) {
        d.setTraining(true, seed);
        float[] first = d.forward(x, 1).clone();
        float[] second = d.forward(x, 1);
        float[] both = java.util.Arrays.copyOf(first, 128);
        System.arraycopy(second, 0, both, 64, 64);
        return both;
    }

    @Test
    void foldingBatchNormIntoConvAndLinearKeepsInferenceLogits() {
        SplittableRandom rng = new SplittableRandom(11);
        Conv2d conv = new Conv2d("conv1", 2, 6, 6, 4, 3, 1, 1);
        BatchNorm2d bn2 = new BatchNorm2d("bn1", 4, 6, 6);
        ReLU relu = new ReLU(4 * 36);
        MaxPool2d pool = new MaxPool2d("pool1", 4, 6, 6, 2, 2);
        Flatten flat = new Flatten(4, 3, 3);
        Linear fc1 = new Linear("fc1", 36, 5);
        BatchNorm1d bn1 = new BatchNorm1d("bn2", 5);
        Linear fc2 = new Linear("fc2", 5, 3);
        Network net = new Network(List.of(conv, bn2, relu, pool, flat, fc1, bn1, new Tanh(5), fc2));
        conv.resetParameters(rng);
        fc1.resetParameters(rng);
        fc2.resetParameters(rng);
        for (BatchNorm bn : List.<BatchNorm>of(bn1, bn2)) {
            for (int c = 0; c < bn.channels(); c++) {
                bn.weight().data()[c] = (float) (0.5 + rng.nextDouble());
                bn.bias().data()[c] = (float) (rng.nextDouble() - 0.5);
                bn.runningMean()[c] = (float) (rng.nextDouble() - 0.5);
                bn.runningVar()[c] = (float) (0.2 + rng.nextDouble());
            }
        }
        float[] mask = new float[conv.weight().size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 5 == 0 ? 0f : 1f;
        }
        conv.weight().setMask(mask);
        float[] x = CnnGradientCheckTest.random(rng, 7 * 72, 1);
        float[] before = net.logits(x, 7);

        Network folded = BatchNormFolding.fold(net);
        assertEquals(7, folded.layers().size());
        assertTrue(folded.layers().stream().noneMatch(l -> l instanceof BatchNorm), folded.toString());
        assertArrayEquals(mask, folded.parameter("conv1.weight").mask());
        float[] after = folded.logits(x, 7);
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 1e-5 + 1e-5 * Math.abs(before[i]), "logit " + i);
        }
        assertArrayEquals(before, net.logits(x, 7), "the input network is unchanged");
        assertEquals(net.macs() - 4 * 36 - 5, folded.macs());
    }

    @Test
    void foldingUsesTorchFormulas() {
        Linear fc = new Linear("fc1", 1, 1);
        fc.weight().data()[0] = 2f;
        fc.bias().data()[0] = 1f;
        BatchNorm1d bn = new BatchNorm1d("bn1", 1);
        bn.weight().data()[0] = 3f;
        bn.bias().data()[0] = 0.25f;
        bn.runningMean()[0] = 0.5f;
        bn.runningVar()[0] = 4f;
        Network folded = BatchNormFolding.fold(new Network(List.of(fc, bn)));
        float rsqrt = (float) (1 / Math.sqrt(4f + 1e-5f));
        assertEquals(2f * (3f * rsqrt), folded.parameter("fc1.weight").data()[0], 0f);
        assertEquals((1f - 0.5f) * rsqrt * 3f + 0.25f, folded.parameter("fc1.bias").data()[0], 0f);
    }
}
