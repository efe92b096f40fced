package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ablate.compress.distill.SoftTargets;
import dev.ablate.compress.distill.TeacherTargets;
import dev.ablate.nn.CorruptArtifactException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TeacherArtifactTest {

    private static final TeacherArtifact ARTIFACT = new TeacherArtifact(new TeacherTargets(
            SoftTargets.fromLogits(new float[] {1, 2, 3, 0, 0, 5}, 3, new int[] {2, 0}),
            SoftTargets.fromLogits(new float[] {4, 1, 1}, 3, new int[] {0})), 12.5);

    @Test
    void roundTripsBothSplitsAndTheTime() throws Exception {
        TeacherArtifact back = TeacherArtifact.decode(ARTIFACT.encode());
        assertEquals(ARTIFACT.targets(), back.targets());
        assertEquals(12.5, back.seconds());
        assertEquals(1.0, back.targets().testAccuracy());
        assertEquals(0.5, back.targets().train().accuracy());
    }

    @Test
    void truncatedDamagedOrPaddedBytesAreCorrupt() {
        byte[] bytes = ARTIFACT.encode();
        assertThrows(CorruptArtifactException.class,
                () -> TeacherArtifact.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        assertThrows(CorruptArtifactException.class,
                () -> TeacherArtifact.decode(Arrays.copyOf(bytes, bytes.length + 1)));
        byte[] damaged = bytes.clone();
        damaged[Double.BYTES + Integer.BYTES + 20] ^= 0x40;
        assertThrows(CorruptArtifactException.class, () -> TeacherArtifact.decode(damaged));
    }
}
