package dev.ablate.nn;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The BLAS implementation the engine uses, picked once per JVM by {@code dev.ludovic.netlib}: a native library
 * ({@code JNIBLAS}) when one is installed, otherwise the Vector API implementation ({@code VectorBLAS}, needs
 * {@code --add-modules=jdk.incubator.vector}), otherwise plain Java ({@code JavaBLAS}/{@code Java11BLAS}).
 *
 * <p>Row-major matrices are passed to the column-major routines by reading a row-major {@code [r, c]} matrix
 * as the column-major {@code [c, r]} transpose; see {@link Linear} for the three products this needs.
 */
public final class Blas {

    private static final BLAS INSTANCE = BLAS.getInstance();

    private Blas() {
    }

    /** The shared instance (stateless and thread-safe). */
    static BLAS instance() {
        return INSTANCE;
    }

    /**
     * Simple class name of the picked implementation, e.g. {@code VectorBLAS}, {@code JNIBLAS},
     * {@code Java11BLAS}; this is what results record in their {@code blas} column.
     */
    public static String implementationName() {
        return INSTANCE.getClass().getSimpleName();
    }
}
