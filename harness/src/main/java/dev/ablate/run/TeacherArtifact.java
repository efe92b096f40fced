package dev.ablate.run;

import dev.ablate.compress.distill.SoftTargets;
import dev.ablate.compress.distill.TeacherTargets;
import dev.ablate.nn.CorruptArtifactException;
import java.nio.ByteBuffer;

/**
 * The artifact of a teacher stage: the teacher's soft targets for the training split (what its students learn
 * from) and for the test split (what its reported accuracy comes from), and the wall time it took. The model
 * itself is not kept: students only ever read its outputs.
 *
 * @param targets the teacher's targets
 * @param seconds wall time of training the teacher and computing its targets
 */
public record TeacherArtifact(TeacherTargets targets, double seconds) {

    /** Seconds, then each split's {@link SoftTargets#encode()} bytes, length-prefixed. */
    public byte[] encode() {
        byte[] train = targets.train().encode();
        byte[] test = targets.test().encode();
        return ByteBuffer.allocate(Double.BYTES + 2 * Integer.BYTES + train.length + test.length).putDouble(seconds)
                .putInt(train.length).put(train).putInt(test.length).put(test).array();
    }

    /**
     * Reads {@link #encode()} output.
     *
     * @throws CorruptArtifactException if the bytes are truncated or corrupted
     */
    public static TeacherArtifact decode(byte[] bytes) throws CorruptArtifactException {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            double seconds = b.getDouble();
            SoftTargets train = SoftTargets.decode(next(b));
            SoftTargets test = SoftTargets.decode(next(b));
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " trailing bytes");
            }
            return new TeacherArtifact(new TeacherTargets(train, test), seconds);
        } catch (RuntimeException e) { // buffer underflow, bad lengths, a corrupt SoftTargets
            throw new CorruptArtifactException("corrupt teacher artifact: " + e.getMessage(), e);
        }
    }

    private static byte[] next(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("length " + length + " with " + b.remaining() + " bytes left");
        }
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }
}
