package dev.ablate.run;

import dev.ablate.nn.CorruptArtifactException;
import dev.ablate.nn.Network;
import dev.ablate.nn.NetworkCodec;
import java.nio.ByteBuffer;

/**
 * The artifact of a model stage: the network (in {@link NetworkCodec}'s checksummed format) and the wall
 * time it took to produce, so a trial that reuses the stage still reports what it cost.
 *
 * @param network the model
 * @param seconds wall time of the stage that produced it
 */
record ModelArtifact(Network network, double seconds) {

    byte[] encode() {
        byte[] net = NetworkCodec.encode(network);
        return ByteBuffer.allocate(Double.BYTES + net.length).putDouble(seconds).put(net).array();
    }

    static ModelArtifact decode(byte[] bytes) throws ArtifactStore.CorruptArtifactException {
        if (bytes.length < Double.BYTES) {
            throw new ArtifactStore.CorruptArtifactException("model artifact of " + bytes.length + " bytes", null);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        double seconds = b.getDouble();
        byte[] net = new byte[b.remaining()];
        b.get(net);
        try {
            return new ModelArtifact(NetworkCodec.decode(net), seconds);
        } catch (CorruptArtifactException e) {
            throw new ArtifactStore.CorruptArtifactException(e.getMessage(), e);
        }
    }
}
