package dev.ablate.bench;

import dev.ablate.nn.Blas;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code dev.ludovic.netlib} BLAS implementation a GEMM benchmark can run, or why it cannot run here.
 *
 * <p>The candidates are the library's own: {@code JNIBLAS} (native, whatever {@code libblas.so.3} resolves to),
 * {@code VectorBLAS} (Vector API; needs {@code --add-modules=jdk.incubator.vector}), {@code Java11BLAS},
 * {@code Java8BLAS} and {@code F2jBLAS} (needs the f2j jar). The Java ones are package-private classes with a public
 * {@code getInstance()}, so they are reached by reflection; each is a stateless singleton.
 *
 * <p>{@link #engine()} marks the implementation {@link Blas} picked for training. The engine's instance is not
 * exposed by {@code Blas}; since every candidate is a stateless singleton of its class, the candidate whose class is
 * the one {@link Blas#implementationName()} names runs exactly the engine's code, and {@link #available()} fails
 * loudly if none matches rather than benchmarking something else.
 *
 * @param name        the implementation's class name, e.g. {@code VectorBLAS}
 * @param blas        the instance, or {@code null} when unavailable
 * @param engine      whether this is the implementation the engine trains with
 * @param unavailable why it cannot run here, or {@code null} when available
 */
public record BlasImplementation(String name, BLAS blas, boolean engine, String unavailable) {

    /** Candidate class names, native first, then the Java ones fastest first. */
    public static final List<String> CANDIDATES = List.of("JNIBLAS", "VectorBLAS", "Java11BLAS", "Java8BLAS", "F2jBLAS");

    private static final String PACKAGE = "dev.ludovic.netlib.blas.";

    /**
     * @throws IllegalArgumentException if exactly one of {@code blas} and {@code unavailable} is not null
     */
    public BlasImplementation {
        Objects.requireNonNull(name, "name");
        if ((blas == null) == (unavailable == null)) {
            throw new IllegalArgumentException(name + ": give either an instance or a reason it is unavailable");
        }
    }

    /** Whether it can run here. */
    public boolean isAvailable() {
        return blas != null;
    }

    /**
     * Every candidate in {@link #CANDIDATES} order, available or with the reason it is not; exactly one available
     * entry is the engine's.
     *
     * @throws IllegalStateException if no available candidate is the implementation {@link Blas} reports
     */
    public static List<BlasImplementation> all() {
        String engineClass = engineClassName();
        List<BlasImplementation> result = new ArrayList<>();
        for (String name : CANDIDATES) {
            result.add(load(name, engineClass));
        }
        if (result.stream().noneMatch(BlasImplementation::engine)) {
            throw new IllegalStateException("the engine's BLAS " + Blas.implementationName()
                    + " is none of the loadable candidates " + result);
        }
        return List.copyOf(result);
    }

    /** The class part of {@link Blas#implementationName()}: {@code JNIBLAS(libopenblas...)} gives {@code JNIBLAS}. */
    static String engineClassName() {
        String name = Blas.implementationName();
        int paren = name.indexOf('(');
        return paren < 0 ? name : name.substring(0, paren);
    }

    private static BlasImplementation load(String name, String engineClass) {
        Optional<String> failure;
        BLAS blas = null;
        try {
            blas = name.equals("JNIBLAS") ? NativeBLAS.getInstance() : javaInstance(name);
            failure = blas.getClass().getSimpleName().equals(name) ? Optional.empty()
                    : Optional.of("getInstance() gave " + blas.getClass().getSimpleName());
        } catch (InvocationTargetException e) {
            failure = Optional.of(describe(e.getCause()));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            failure = Optional.of(describe(e));
        }
        if (failure.isPresent()) {
            return new BlasImplementation(name, null, false, failure.get());
        }
        return new BlasImplementation(name, blas, name.equals(engineClass), null);
    }

    private static BLAS javaInstance(String name) throws ReflectiveOperationException {
        Method getInstance = Class.forName(PACKAGE + name).getMethod("getInstance");
        // public method of a package-private class: callable only once made accessible (class path, no modules)
        getInstance.setAccessible(true);
        return (BLAS) getInstance.invoke(null);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    @Override
    public String toString() {
        return name + (engine ? " (engine)" : "") + (isAvailable() ? "" : " unavailable: " + unavailable);
    }
}
