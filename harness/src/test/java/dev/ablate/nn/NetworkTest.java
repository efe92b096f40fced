package dev.ablate.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {

    @Test
    void namesShapesAndCounts() {
        Network net = TestNetworks.mlp(1, 6, 3, 5);
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                net.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {5, 6}, net.parameter("fc1.weight").shape());
        assertTrue(net.parameter("fc1.weight").prunable());
        assertTrue(!net.parameter("fc1.bias").prunable());
        assertEquals(6, net.inputSize());
        assertEquals(3, net.classCount());
        assertEquals(5 * 6 + 5 + 3 * 5 + 3, net.parameterCount());
        assertEquals(net.parameterCount(), net.nonzeroParameterCount());
        net.parameter("fc2.weight").setMask(new float[15]);
        assertEquals(net.parameterCount() - 15, net.nonzeroParameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.parameter("fc9.weight"));
        assertTrue(e.getMessage().contains("fc1.weight"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.parameter("fc1.bias").setMask(new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new Network(List.of(new Linear("a", 3, 4), new ReLU(5))));
    }

    @Test
    void chunkedInferenceEqualsOneBigForward() {
        Network net = TestNetworks.mlp(2, 6, 3, 8);
        int n = 600; // more than one inference chunk, with a partial last chunk
        SplittableRandom rng = new SplittableRandom(9);
        float[] x = new float[n * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[] chunked = net.logits(x, n);
        float[] whole = net.copy().forward(x, n);
        for (int i = 0; i < chunked.length; i++) {
            assertEquals(whole[i], chunked[i], 1e-5f * (1 + Math.abs(whole[i])), "logit " + i);
        }
        int[] pred = net.predict(x, n);
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < 3; j++) {
                if (chunked[r * 3 + j] > chunked[r * 3 + best]) {
                    best = j;
                }
            }
            assertEquals(best, pred[r]);
        }
    }

    @Test
    void copyIsDeepIncludingMasks() {
        Network net = TestNetworks.mlp(3, 4, 2, 3);
        float[] mask = {1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
        net.parameter("fc1.weight").setMask(mask);
        Network copy = net.copy();
        assertTrue(TestNetworks.bitIdentical(net, copy));
        assertArrayEquals(mask, copy.parameter("fc1.weight").mask());
        assertNotSame(net.parameter("fc1.weight").mask(), copy.parameter("fc1.weight").mask());
        copy.parameter("fc1.bias").data()[0] += 1f;
        copy.parameter("fc1.weight").mask()[0] = 0f;
        assertEquals(1f, net.parameter("fc1.weight").mask()[0]);
        assertTrue(!TestNetworks.bitIdentical(net, copy));
    }

    @Test
    void blasImplementationIsNamed() {
        String name = Blas.implementationName();
        assertTrue(name.matches("\\w+BLAS(\\(.+\\))?"), name);
    }
}
