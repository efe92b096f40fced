package dev.ablate.nn;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The BLAS implementation the engine uses, picked once per JVM. {@code dev.ludovic.netlib} prefers a native
 * library ({@code JNIBLAS}, whatever {@code libblas.so.3} resolves to), then its Vector API implementation
 * ({@code VectorBLAS}, needs {@code --add-modules=jdk.incubator.vector}), then plain Java. A native library is
 * only worth it when it is an optimized one (OpenBLAS, BLIS, MKL): Debian's reference {@code libblas3} is several
 * times slower than VectorBLAS, so when the native library loaded is the reference one the
 * engine uses the Java implementation instead and {@link #warning()} says so.
 *
 * <p>Row-major matrices are passed to the column-major routines by reading a row-major {@code [r, c]} matrix
 * as the column-major {@code [c, r]} transpose; see {@link Linear} for the three products this needs.
 */
public final class Blas {

    private static final String REFERENCE_WARNING = "the native BLAS is the slow reference libblas3; using %s "
            + "instead (install an optimized one, e.g. Debian's libopenblas0-pthread, for faster training)";

    private static final Selection SELECTED = select();

    private Blas() {
    }

    private record Selection(BLAS blas, String warning) {
    }

    /** The shared instance (stateless and thread-safe). */
    static BLAS instance() {
        return SELECTED.blas();
    }

    /**
     * Simple class name of the implementation in use, e.g. {@code VectorBLAS} or {@code JNIBLAS}, with the
     * native library's file name for JNIBLAS ({@code JNIBLAS(libopenblasp-r0.3.21.so)}); this is what results
     * record in their {@code blas} column.
     */
    public static String implementationName() {
        String name = SELECTED.blas().getClass().getSimpleName();
        return nativeLibrary().filter(lib -> name.equals("JNIBLAS")).map(lib -> name + "(" + lib.getFileName() + ")")
                .orElse(name);
    }

    /**
     * A one-line hint where a faster BLAS could be installed, when the engine runs on a Java implementation (no native
     * library, or only the reference one); empty when it already uses a native one.
     */
    public static Optional<String> fasterHint() {
        return SELECTED.blas().getClass().getSimpleName().equals("JNIBLAS") ? Optional.empty()
                : Optional.of("a native OpenBLAS trains faster: apt-get install libopenblas0-pthread (Debian/Ubuntu)");
    }

    /** Why the engine does not use the native BLAS it found, if that is the case. */
    public static Optional<String> warning() {
        return Optional.ofNullable(SELECTED.warning());
    }

    private static Selection select() {
        BLAS picked = BLAS.getInstance();
        if (picked.getClass().getSimpleName().equals("JNIBLAS") && nativeLibrary().map(Blas::isReference).orElse(false)) {
            BLAS java = JavaBLAS.getInstance();
            return new Selection(java, String.format(REFERENCE_WARNING, java.getClass().getSimpleName()));
        }
        return new Selection(picked, null);
    }

    /** Debian installs the reference implementation under {@code .../blas/}, optimized ones under their own name. */
    static boolean isReference(Path library) {
        String path = library.toString();
        return path.contains("/blas/libblas") || path.contains("/libblas.so") && !path.matches(".*(openblas|blis|mkl|atlas).*");
    }

    /** The real path of the BLAS shared library mapped into this process, if any (Linux: /proc/self/maps). */
    private static Optional<Path> nativeLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.startsWith("/") && p.matches(".*/lib(open)?blas[^/]*\\.so[^/]*"))
                    .findFirst().map(Path::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
