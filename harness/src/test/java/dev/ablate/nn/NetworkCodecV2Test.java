package dev.ablate.nn;

import dev.ablate.models.ModelZoo;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Format version 2: every layer kind, BatchNorm running statistics, Dropout p; version 1 still decodes. */
class NetworkCodecV2Test {

    /** A few training steps so the running statistics are not their initial 0/1. */
    private static void train(Network net, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = CnnGradientCheckTest.random(rng, n * net.inputSize(), 1);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(net.classCount());
        }
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(net.classCount());
        Sgd sgd = new Sgd(net.parameters(), 0.05, 0.9, 0);
        net.setTraining(true, seed);
        for (int s = 0; s < 3; s++) {
            ce.forward(net.forward(x, n), y, n);
            net.backward(ce.backward(), n);
            sgd.step();
        }
        net.setTraining(false, seed);
    }

    private static void assertSameState(Network a, Network b) {
        assertEquals(a.layers().toString(), b.layers().toString());
        assertTrue(TestNetworks.bitIdentical(a, b));
        for (int i = 0; i < a.layers().size(); i++) {
            if (a.layers().get(i) instanceof BatchNorm bn) {
                BatchNorm other = (BatchNorm) b.layers().get(i);
                assertArrayEquals(bn.runningMean(), other.runningMean(), bn.name());
                assertArrayEquals(bn.runningVar(), other.runningVar(), bn.name());
                assertTrue(Arrays.stream(toDouble(bn.runningVar())).anyMatch(v -> v != 1.0), "stats were trained");
            }
            if (a.layers().get(i) instanceof Dropout d) {
                assertEquals(d.p(), ((Dropout) b.layers().get(i)).p());
            }
        }
        assertArrayEquals(a.inputShape(), b.inputShape());
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void cnnBnRoundTripIsBitIdentical() {
        Network net = ModelZoo.build(new ModelConfig("cnn-bn", List.of(), "relu"), new int[] {3, 8, 8}, 4, 1);
        train(net, 6, 2);
        Parameter w = net.parameter("conv2.weight");
        float[] mask = new float[w.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 7 == 0 ? 0f : 1f;
        }
        w.setMask(mask);
        byte[] bytes = NetworkCodec.encode(net);
        Network back = NetworkCodec.decode(bytes);
        assertSameState(net, back);
        assertArrayEquals(mask, back.parameter("conv2.weight").mask());
        assertArrayEquals(bytes, NetworkCodec.encode(back));
        float[] x = CnnGradientCheckTest.random(new SplittableRandom(9), 5 * 192, 1);
        assertArrayEquals(net.logits(x, 5), back.logits(x, 5));
    }

    @Test
    void mlpWithDropoutAndBatchNormRoundTripIsBitIdentical() {
        Network net = ModelZoo.build(new ModelConfig("mlp", List.of(12, 6), "tanh", 0.3, true), new int[] {1, 3, 3}, 3, 4);
        train(net, 8, 5);
        byte[] bytes = NetworkCodec.encode(net);
        Network back = NetworkCodec.decode(bytes);
        assertSameState(net, back);
        assertArrayEquals(bytes, NetworkCodec.encode(back));
    }

    /** Every layer kind in one small network. */
    private static Network everyKind() {
        SplittableRandom rng = new SplittableRandom(3);
        Conv2d conv = new Conv2d("conv1", 1, 5, 5, 2, 3, 2, 1);
        Linear fc = new Linear("fc1", 2, 4);
        Linear fc2 = new Linear("fc2", 4, 2);
        conv.resetParameters(rng);
        fc.resetParameters(rng);
        fc2.resetParameters(rng);
        BatchNorm2d bn2 = new BatchNorm2d("bn1", 2, 3, 3);
        BatchNorm1d bn1 = new BatchNorm1d("bn2", 4);
        bn2.runningMean()[1] = 0.25f;
        bn1.runningVar()[2] = 3.5f;
        return new Network(List.of(conv, bn2, new ReLU(18), new MaxPool2d("pool1", 2, 3, 3, 2, 1),
                new AvgPool2d("pool2", 2, 2, 2, 2, 2), new Flatten(2, 1, 1), fc, bn1, new Tanh(4),
                new Dropout("dropout1", 4, 0.125), fc2));
    }

    @Test
    void everyLayerKindRoundTrips() {
        Network net = everyKind();
        Network back = NetworkCodec.decode(NetworkCodec.encode(net));
        assertEquals(net.layers().toString(), back.layers().toString());
        assertTrue(TestNetworks.bitIdentical(net, back));
        assertEquals(0.25f, ((BatchNorm) back.layers().get(1)).runningMean()[1]);
        assertEquals(3.5f, ((BatchNorm) back.layers().get(7)).runningVar()[2]);
        assertEquals(0.125, ((Dropout) back.layers().get(9)).p());
    }

    @Test
    void everyFlippedByteAndEveryTruncationIsDetected() {
        byte[] bytes = NetworkCodec.encode(everyKind());
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x10;
            int at = i;
            assertThrows(CorruptArtifactException.class, () -> NetworkCodec.decode(bad), "flip at byte " + at);
        }
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThrows(CorruptArtifactException.class, () -> NetworkCodec.decode(cut), "truncated to " + len);
        }
    }

    @Test
    void versionOneBytesStillDecode() throws IOException {
        byte[] v1;
        try (InputStream in = getClass().getResourceAsStream("/nn/mlp-in10-h7x5-c4-seed5-v1.bin")) {
            assertNotNull(in, "v1 fixture on the test class path");
            v1 = in.readAllBytes();
        }
        assertEquals(1, ((v1[4] & 0xff) << 8) | (v1[5] & 0xff), "fixture is format version 1");
        Network decoded = NetworkCodec.decode(v1);
        // the fixture was written by the v1 encoder from this network and mask
        Network expected = TestNetworks.mlp(5, 10, 4, 7, 5);
        Parameter w = expected.parameter("fc2.weight");
        float[] mask = new float[w.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 0f : 1f;
        }
        w.setMask(mask);
        assertTrue(TestNetworks.bitIdentical(expected, decoded));
        assertArrayEquals(mask, decoded.parameter("fc2.weight").mask());
        byte[] v2 = NetworkCodec.encode(decoded);
        assertEquals(NetworkCodec.FORMAT_VERSION, ((v2[4] & 0xff) << 8) | (v2[5] & 0xff));
    }
}
