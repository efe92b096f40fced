package dev.ablate.spec;

/** How many quantization parameter sets a weight tensor gets. */
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
    PER_GROUP("per-group");

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
