package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An OCP Microscaling (MX v1.0) block format: each row is cut into blocks of {@link #BLOCK_SIZE} consecutive
 * elements along the input dimension (a last, shorter block is allowed) and every block shares one power-of-two
 * scale stored as E8M0, following the spec's conversion (§6.3):
 * <pre>
 *   X = 2^(floor(log2(max|v|)) - emax_elem)        clamped to E8M0's [2^-127, 2^127]
 *   element = round(v / X) in the element format, saturating;  output = element * X
 * </pre>
 * with {@code emax_elem} the exponent of the element format's largest binade (8 for E4M3, 2 for E2M1, 0 for
 * INT8). An all-zero block keeps its zeros (its scale is irrelevant). A block holding NaN or ±Inf gets the NaN
 * scale (E8M0 code 0xFF), so all its outputs are NaN. Report: {@code elementBits} = element width,
 * {@code overheadBits} = 8 per block, scales over the blocks with a non-zero finite maximum. The STE mask is 0
 * where an element saturated.
 */
public final class MxFormat implements TensorFormat {

    /** Elements per block (MX v1.0 fixes k = 32 for all its concrete formats). */
    public static final int BLOCK_SIZE = 32;

    /** Bits of the shared E8M0 scale. */
    public static final int SCALE_BITS = 8;

    private static final int SCALE_EXP_MIN = -127;
    private static final int SCALE_EXP_MAX = 127;

    private final String name;
    private final ElementGrid grid;
    private final Rounding rounding;

    private MxFormat(String name, ElementGrid grid, Rounding rounding) {
        this.name = name;
        this.grid = grid;
        this.rounding = Objects.requireNonNull(rounding, "rounding");
    }

    /** {@code mxfp8}: FP8 E4M3 elements. */
    public static MxFormat mxfp8(Rounding rounding) {
        return new MxFormat("mxfp8", new MinifloatGrid(FloatFormat.FP8_E4M3), rounding);
    }

    /** {@code mxfp4}: FP4 E2M1 elements. */
    public static MxFormat mxfp4(Rounding rounding) {
        return new MxFormat("mxfp4", new MinifloatGrid(FloatFormat.FP4_E2M1), rounding);
    }

    /**
     * {@code mxint8}: 8-bit two's complement elements with an implicit scale of 2^-6 (values k/64). Elements
     * saturate symmetrically to ±127/64; the code -128 (-2) is never produced, as in the reference
     * microxcaling library.
     */
    public static MxFormat mxint8(Rounding rounding) {
        return new MxFormat("mxint8", new FixedPointGrid(8, 6), rounding);
    }

    @Override
    public String name() {
        return name;
    }

    /** The rounding of elements. */
    public Rounding rounding() {
        return rounding;
    }

    /** Bits per element: 8 for mxfp8 and mxint8, 4 for mxfp4. */
    public int elementBits() {
        return grid.bits();
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code rng} is {@code null} and the rounding is stochastic
     */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        TensorLayout layout = TensorLayout.of(name, x, shape, out, steMask);
        if (rounding == Rounding.STOCHASTIC) {
            Objects.requireNonNull(rng, "rng is required for stochastic rounding");
        }
        ScaleRange scales = new ScaleRange();
        long clipped = layout.sumOverBlocks(BLOCK_SIZE,
                (from, to) -> quantizeBlock(x, from, to, out, steMask, rng, scales));
        return new QuantizationReport(grid.bits(), layout.blockCount(BLOCK_SIZE) * SCALE_BITS, clipped, scales.min(), scales.max(), null);
    }

    /** The shared scale of a block whose largest magnitude is the finite, positive {@code amax}. */
    private double sharedScale(float amax) {
        int exponent = Math.getExponent((double) amax) - grid.maxExponent();
        return Math.scalb(1.0, Math.max(SCALE_EXP_MIN, Math.min(SCALE_EXP_MAX, exponent)));
    }

    private long quantizeBlock(float[] x, int from, int to, float[] out, byte[] steMask, SplittableRandom rng,
                               ScaleRange scales) {
        float amax = 0;
        for (int i = from; i < to; i++) {
            amax = Math.max(amax, Math.abs(x[i])); // Math.max propagates NaN
        }
        boolean finite = Float.isFinite(amax);
        double scale = finite ? sharedScale(amax) : Double.NaN;
        if (finite && amax > 0) {
            scales.add((float) scale);
        }
        long clipped = 0;
        for (int i = from; i < to; i++) {
            // a power-of-two division: exact, except that values far below the element grid's smallest step may
            // underflow float32, and they round to zero either way
            float v = (float) (x[i] / scale);
            boolean overflow = grid.overflows(v);
            out[i] = (float) (grid.round(v, rounding, rng) * scale);
            if (overflow) {
                clipped++;
            }
            if (steMask != null) {
                steMask[i] = (byte) (overflow ? 0 : 1);
            }
        }
        return clipped;
    }

    @Override
    public String toString() {
        return name + "(" + grid + ", block " + BLOCK_SIZE + ", " + rounding.specName() + ")";
    }

    /** The element format of a block, applied to values already divided by the shared scale. */
    private sealed interface ElementGrid permits MinifloatGrid, FixedPointGrid {

        /** Element width in bits. */
        int bits();

        /** Exponent of the largest binade of the element format ({@code emax_elem} in the spec). */
        int maxExponent();

        /** Rounds to the element grid, saturating at its largest magnitude. */
        float round(float v, Rounding rounding, SplittableRandom rng);

        /** Whether rounding {@code v} to nearest had to saturate. */
        boolean overflows(float v);
    }

    /** Minifloat elements (E4M3, E2M1); both saturate by definition. */
    private record MinifloatGrid(FloatFormat format) implements ElementGrid {
        MinifloatGrid {
            if (!format.saturates()) {
                throw new IllegalArgumentException("MX elements must saturate, " + format + " overflows to Inf");
            }
        }

        @Override
        public int bits() {
            return format.width();
        }

        @Override
        public int maxExponent() {
            return format.maxExponent();
        }

        @Override
        public float round(float v, Rounding rounding, SplittableRandom rng) {
            return rounding == Rounding.STOCHASTIC ? format.round(v, rng) : format.round(v);
        }

        @Override
        public boolean overflows(float v) {
            return format.overflows(v);
        }
    }

    /** Signed fixed-point elements: {@code bits}-bit two's complement codes times 2^-fractionBits, symmetric. */
    private record FixedPointGrid(int bits, int fractionBits) implements ElementGrid {

        private int maxCode() {
            return (1 << (bits - 1)) - 1;
        }

        @Override
        public int maxExponent() {
            return Math.getExponent((double) maxCode()) - fractionBits;
        }

        @Override
        public float round(float v, Rounding rounding, SplittableRandom rng) {
            double scaled = Math.scalb((double) v, fractionBits);
            double code = rounding == Rounding.STOCHASTIC ? Math.floor(scaled + rng.nextDouble()) : Math.rint(scaled);
            return (float) Math.scalb(Math.max(-maxCode(), Math.min(maxCode(), code)), -fractionBits);
        }

        @Override
        public boolean overflows(float v) {
            return Math.abs(Math.rint(Math.scalb((double) v, fractionBits))) > maxCode();
        }
    }
}
