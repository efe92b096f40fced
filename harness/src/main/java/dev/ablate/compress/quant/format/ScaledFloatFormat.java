package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.compress.quant.calibration.Observers;
import dev.ablate.spec.Granularity;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A float element format ({@code fp8-e4m3}, {@code fp8-e5m2}, {@code fp4-e2m1}) with float32 scales, as
 * torchao's float8 recipes and every fp8/fp4 deployment use them: the tensor, each output row, or each group of
 * {@code groupSize} consecutive elements of a row gets one scale that maps its clipping magnitude onto the
 * format's largest finite value ({@link FloatScaling}). The magnitude is chosen by a calibration method
 * ({@link Observers#forScaledGrid}): {@code minmax} (the largest magnitude, "amax", the default),
 * {@code percentile} or {@code mse} (searched on this float grid). Without scales a trained layer's weights
 * (|w| of a few hundredths) fall below E2M1's smallest non-zero magnitude 0.5 and become zero; that raw form is
 * {@link FloatTensorFormat}.
 *
 * <p>Report: {@code elementBits} = the format's width, {@code overheadBits} = 32 per scale set, scale range
 * over the sets with a non-zero magnitude as steps {@code 1 / scale}. Immutable.
 */
public final class ScaledFloatFormat implements TensorFormat {

    private final FloatFormat format;
    private final Granularity granularity;
    private final int groupSize;
    private final Rounding rounding;
    private final boolean powerOfTwoScale;
    private final CalibrationSpec calibration;

    /**
     * A scaled float format.
     *
     * @param format          the element format
     * @param granularity     per tensor, per channel or per group
     * @param groupSize       elements per group for {@link Granularity#PER_GROUP}; ignored otherwise
     * @param rounding        nearest-even or stochastic rounding of elements
     * @param powerOfTwoScale round each scale down to a power of two
     * @param calibration     how each scale set's clipping magnitude is chosen
     * @throws IllegalArgumentException for granularity {@code none}, a per-group size below 1, or a calibration
     *                                  method that applies only to integer grids
     */
    public ScaledFloatFormat(FloatFormat format, Granularity granularity, int groupSize, Rounding rounding,
                             boolean powerOfTwoScale, CalibrationSpec calibration) {
        this.format = Objects.requireNonNull(format, "format");
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        if (granularity == Granularity.NONE) {
            throw new IllegalArgumentException(format.name() + ": a scaled format needs a granularity other than none");
        }
        if (granularity == Granularity.PER_GROUP && groupSize < 1) {
            throw new IllegalArgumentException(format.name() + ": per-group needs group_size >= 1, got " + groupSize);
        }
        this.groupSize = granularity == Granularity.PER_GROUP ? groupSize : 0;
        this.rounding = Objects.requireNonNull(rounding, "rounding");
        this.powerOfTwoScale = powerOfTwoScale;
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        observer(1); // validates the method for a float grid
    }

    @Override
    public String name() {
        return format.name();
    }

    /** The element format. */
    public FloatFormat element() {
        return format;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if per-group and the row length is not a multiple of the group size
     * @throws NullPointerException     if {@code rng} is {@code null} and the rounding is stochastic
     */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        TensorLayout layout = TensorLayout.of(name(), x, shape, out, steMask);
        if (rounding == Rounding.STOCHASTIC) {
            Objects.requireNonNull(rng, "rng is required for stochastic rounding");
        }
        int sets = layout.scaleSets(name(), granularity, groupSize);
        float[] amax = Observers.clipMagnitudes(observer(sets).observe(x));
        int length = layout.size() / sets;
        ScaleRange steps = new ScaleRange();
        long clipped = 0;
        for (int k = 0; k < sets; k++) {
            float scale = FloatScaling.scale(format, amax[k], powerOfTwoScale);
            if (amax[k] > 0) {
                steps.add(1f / scale);
            }
            clipped += FloatScaling.fakeQuantize(format, scale, rounding, x, k * length, (k + 1) * length, out,
                    steMask, rng);
        }
        return new QuantizationReport(format.width(), 32L * sets, clipped, steps.min(), steps.max(), null);
    }

    private Observer observer(int sets) {
        return Observers.forScaledGrid(calibration, sets,
                (values, range) -> FloatScaling.meanSquaredError(format, values, range.max()));
    }

    @Override
    public String toString() {
        return format.name() + "(" + granularity.specName()
                + (granularity == Granularity.PER_GROUP ? " " + groupSize : "") + ", " + calibration.method()
                + " scales" + (powerOfTwoScale ? " (powers of two)" : "") + ", " + rounding.specName() + ")";
    }
}
