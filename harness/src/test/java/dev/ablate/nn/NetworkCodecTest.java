package dev.ablate.nn;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkCodecTest {

    private static Network maskedNetwork() {
        Network net = TestNetworks.mlp(5, 10, 4, 7, 5);
        Parameter w = net.parameter("fc2.weight");
        float[] mask = new float[w.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 4 == 1 ? 0f : 1f;
        }
        w.setMask(mask);
        // odd values must survive bit for bit
        net.parameter("fc1.bias").data()[0] = -0.0f;
        net.parameter("fc1.bias").data()[1] = Float.MIN_VALUE;
        net.parameter("fc3.bias").data()[2] = Float.intBitsToFloat(0x7fc00123); // NaN with a payload
        return net;
    }

    @Test
    void roundTripIsBitIdenticalWithMasks() {
        Network net = maskedNetwork();
        byte[] bytes = NetworkCodec.encode(net);
        Network back = NetworkCodec.decode(bytes);
        assertEquals(net.layers().toString(), back.layers().toString());
        assertTrue(TestNetworks.bitIdentical(net, back));
        for (Parameter p : net.parameters()) {
            Parameter q = back.parameter(p.name());
            assertArrayEquals(p.shape(), q.shape());
            if (p.mask() == null) {
                assertNull(q.mask(), p.name());
            } else {
                assertArrayEquals(p.mask(), q.mask(), p.name());
            }
        }
        assertArrayEquals(bytes, NetworkCodec.encode(back));
        // compact: 4 bytes a value plus a small header
        assertTrue(bytes.length < net.parameterCount() * 4 + 200, bytes.length + " bytes");
    }

    @Test
    void everyFlippedByteIsDetected() {
        byte[] bytes = NetworkCodec.encode(maskedNetwork());
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x10;
            int at = i;
            assertThrows(CorruptArtifactException.class, () -> NetworkCodec.decode(bad), "flip at byte " + at);
        }
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] bytes = NetworkCodec.encode(maskedNetwork());
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            int at = len;
            assertThrows(CorruptArtifactException.class, () -> NetworkCodec.decode(cut), "truncated to " + at);
        }
    }
}
