package dev.ablate.compress.quant;

/**
 * Integer quantization schemes, as torch.ao builds them from a dtype and a qscheme.
 */
public enum QuantScheme {
    /**
     * Signed, symmetric around 0, zero point 0: range {@code [-2^(b-1), 2^(b-1)-1]} ({@code qint8},
     * {@code per_tensor_symmetric} / {@code per_channel_symmetric}).
     */
    SIGNED_SYMMETRIC("signed_symmetric", true, 1),
    /** Like {@link #SIGNED_SYMMETRIC} without the most negative code: {@code [-(2^(b-1)-1), 2^(b-1)-1]}. */
    SIGNED_SYMMETRIC_NARROW("signed_symmetric_narrow", true, 2),
    /** Unsigned with a zero point: range {@code [0, 2^b-1]} ({@code quint8}, {@code *_affine}). */
    UNSIGNED_AFFINE("unsigned_affine", false, 1);

    /** Largest supported bit width: codes and scale arithmetic stay exact in float32 and int. */
    public static final int MAX_BITS = 16;

    private final String specName;
    private final boolean symmetric;
    private final int minBits;

    QuantScheme(String specName, boolean symmetric, int minBits) {
        this.specName = specName;
        this.symmetric = symmetric;
        this.minBits = minBits;
    }

    /** Spelling used by the reference vectors and results ({@code signed_symmetric}, ...). */
    public String specName() {
        return specName;
    }

    /** Whether the zero point is fixed at 0 and the scale comes from {@code max|x|}. */
    public boolean symmetric() {
        return symmetric;
    }

    /**
     * The code range for a bit width.
     *
     * @throws IllegalArgumentException if {@code bits} is outside this scheme's supported widths
     *                                  (1–16; 2–16 for the narrow scheme, whose 1-bit range would be {0})
     */
    public IntRange range(int bits) {
        if (bits < minBits || bits > MAX_BITS) {
            throw new IllegalArgumentException(specName + ": bits must be in [" + minBits + ", " + MAX_BITS + "], got " + bits);
        }
        return switch (this) {
            case SIGNED_SYMMETRIC -> new IntRange(-(1 << (bits - 1)), (1 << (bits - 1)) - 1);
            case SIGNED_SYMMETRIC_NARROW -> new IntRange(-((1 << (bits - 1)) - 1), (1 << (bits - 1)) - 1);
            case UNSIGNED_AFFINE -> new IntRange(0, (1 << bits) - 1);
        };
    }

    /** Parses {@link #specName()}. */
    public static QuantScheme fromSpec(String s) {
        for (QuantScheme q : values()) {
            if (q.specName.equals(s)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quantization scheme '" + s + "' (valid: signed_symmetric, "
                + "signed_symmetric_narrow, unsigned_affine)");
    }
}
