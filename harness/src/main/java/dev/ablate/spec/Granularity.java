package dev.ablate.spec;

/** How many quantization parameter sets (scales) a weight tensor gets. */
public enum Granularity {
    /** One scale (and zero point) for the whole tensor. */
    PER_TENSOR("per-tensor"),
    /** One scale (and zero point) per output channel: axis 0 of a {@code [out, in]} or {@code [out, in, kh, kw]} weight. */
    PER_CHANNEL("per-channel"),
    /**
     * One scale (and zero point) per group of {@code group_size} consecutive elements along the input dimension
     * within each output channel (the last axis of a {@code [out, in]} weight; {@code in * kh * kw} flattened
     * for a convolution), as in GPTQ/AWQ-style weight-only quantization.
     */
    PER_GROUP("per-group"),
    /**
     * No scale at all: the element format's own grid, unscaled. Only the scaled float formats
     * ({@code fp8-e4m3}, {@code fp8-e5m2}, {@code fp4-e2m1}) take it, and only when a spec asks for it: their
     * raw grids cannot represent the small values of trained weights (E2M1's smallest non-zero magnitude is 0.5).
     */
    NONE("none");

    private final String specName;

    Granularity(String specName) {
        this.specName = specName;
    }

    /** The spelling used in specs and results ({@code per-tensor}, {@code per-channel}). */
    public String specName() {
        return specName;
    }

    /** Parses the spec spelling. */
    public static Granularity fromSpec(String s) {
        for (Granularity g : values()) {
            if (g.specName.equals(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown granularity '" + s + "'");
    }
}
