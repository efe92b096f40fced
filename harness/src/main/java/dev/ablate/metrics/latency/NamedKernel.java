package dev.ablate.metrics.latency;

import java.util.Objects;

/** The {@link InferenceKernel} of {@link InferenceKernel#of}. */
record NamedKernel(String name, int inputSize, InferenceKernel.Logits computation) implements InferenceKernel {

    NamedKernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(computation, "computation");
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize=" + inputSize + " must be at least 1");
        }
    }

    @Override
    public float[] logits(float[] x, int n) {
        return computation.apply(x, n);
    }
}
