package dev.ablate.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which native BLAS libraries the engine refuses as too slow. */
class BlasTest {

    @Test
    void recognizesDebiansReferenceBlasButNotOptimizedOnes() {
        assertTrue(Blas.isReference(Path.of("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0")));
        assertFalse(Blas.isReference(Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so")));
        assertFalse(Blas.isReference(Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3")));
        assertFalse(Blas.isReference(Path.of("/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3")));
    }

    @Test
    void theEngineNeverRunsOnTheReferenceBlas() {
        String name = Blas.implementationName();
        assertFalse(name.contains("libblas.so"), name);
        if (Blas.warning().isPresent()) {
            assertFalse(name.startsWith("JNIBLAS"), name);
        }
    }
}
