package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.nn.EpochStats;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.NetworkCodec;
import dev.ablate.nn.ReLU;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-addressed artifacts: compute once, atomic placement, corruption detected and recomputed. */
class ArtifactStoreTest {

    @TempDir
    Path dir;

    private static String decode(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] encode(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void computesOnceThenReadsBack() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertEquals("v", store.getOrCompute("k", ArtifactStoreTest::decode, ArtifactStoreTest::encode, () -> {
                calls.incrementAndGet();
                return "v";
            }));
        }
        assertEquals(1, calls.get());
        assertTrue(store.contains("k"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("k")), s.toList(), "no temporary folder is left behind");
        }
    }

    @Test
    void aFailedComputationStoresNothing() {
        ArtifactStore store = new ArtifactStore(dir);
        assertThrows(IllegalStateException.class, () -> store.getOrCompute("k", ArtifactStoreTest::decode,
                ArtifactStoreTest::encode, () -> {
                    throw new IllegalStateException("boom");
                }));
        assertFalse(store.contains("k"));
    }

    @Test
    void floatActivationSitesSurviveTheRoundTripAndOlderHeadersReadWithoutThem() throws Exception {
        Linear fc = new Linear("fc1", 4, 3);
        fc.resetParameters(new SplittableRandom(1));
        QuantizationRecord record = new QuantizationRecord(List.of(), List.of(), List.of(),
                List.of(new QuantizationRecord.FloatSite("act0", "fp8-e4m3", 2.5f)));
        ModelArtifact model = new ModelArtifact(new Network(List.of(fc)), 1.0, List.of(), 0, record);
        ModelArtifact back = ModelArtifact.decode(model.encode());
        assertEquals(record.activationFloats(), back.quantization().activationFloats());
        assertTrue(back.quantization().quantizedActivations());
        // an artifact written before float activations existed has no activationFloats in its header
        byte[] bytes = model.encode();
        int headerLength = java.nio.ByteBuffer.wrap(bytes).getInt();
        String header = new String(bytes, 4, headerLength, StandardCharsets.UTF_8);
        String older = header.replaceAll(",\\s*\"activationFloats\"\\s*:\\s*\\[[^\\]]*\\]", "");
        assertTrue(older.length() < header.length(), header);
        byte[] olderHeader = older.getBytes(StandardCharsets.UTF_8);
        byte[] net = java.util.Arrays.copyOfRange(bytes, 4 + headerLength, bytes.length);
        byte[] olderBytes = java.nio.ByteBuffer.allocate(4 + olderHeader.length + net.length)
                .putInt(olderHeader.length).put(olderHeader).put(net).array();
        QuantizationRecord read = ModelArtifact.decode(olderBytes).quantization();
        assertEquals(List.of(), read.activationFloats());
        assertFalse(read.quantizedActivations());
    }

    @Test
    void aCorruptedModelArtifactIsDetectedAndRecomputed() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        Linear fc = new Linear("fc1", 4, 3);
        fc.resetParameters(new SplittableRandom(1));
        ModelArtifact model = new ModelArtifact(new Network(List.of(fc, new ReLU(3))), 1.5,
                List.of(new EpochStats(1, 0.5, 0.75, Double.NaN, Double.NaN, 0.1, 2.0)), 7, null);
        store.put("m", model.encode());
        Path payload = dir.resolve("m").resolve(ArtifactStore.PAYLOAD);
        byte[] bytes = Files.readAllBytes(payload);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(payload, bytes);
        AtomicInteger recomputed = new AtomicInteger();
        ModelArtifact back = store.getOrCompute("m", ModelArtifact::decode, ModelArtifact::encode, () -> {
            recomputed.incrementAndGet();
            return model;
        });
        assertEquals(1, recomputed.get());
        assertArrayEquals(NetworkCodec.encode(model.network()), NetworkCodec.encode(back.network()));
        assertEquals(model.curve(), back.curve(), "curves, NaN included, survive the round trip");
        assertEquals(7, back.stepsPerEpoch());
        assertArrayEquals(model.encode(), Files.readAllBytes(payload), "the repaired artifact is stored");
        // truncation is caught too
        Files.write(payload, java.util.Arrays.copyOf(model.encode(), 20));
        store.getOrCompute("m", ModelArtifact::decode, ModelArtifact::encode, () -> {
            recomputed.incrementAndGet();
            return model;
        });
        assertEquals(2, recomputed.get());
    }

    @Test
    void aSecondWriterOfTheSameKeyKeepsTheFirstCopy() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        store.put("k", encode("first"));
        store.put("k", encode("second"));
        assertEquals("first", decode(store.read("k")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
