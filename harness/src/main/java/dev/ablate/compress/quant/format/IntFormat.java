package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.spec.Granularity;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The {@code int} format: a uniform integer grid of 1–16 bits (a {@link QuantScheme}) whose scales and zero
 * points an {@link Observer} picks from the tensor itself, applied by {@link FakeQuantizer} (bit-identical to
 * PyTorch for nearest-even rounding).
 *
 * <p>Granularity sets how many parameter sets the observer is asked for, all of them contiguous blocks of the
 * row-major tensor: one ({@code per-tensor}), one per output row ({@code per-channel}), or one per
 * {@code groupSize} consecutive elements of each row ({@code per-group}, which therefore needs the row length to
 * be a multiple of {@code groupSize}).
 *
 * <p>With {@code powerOfTwoScale} each scale is rounded up to the next power of two (so shifts replace
 * multiplies in integer kernels); the zero point is kept, so the grid only widens around zero and clips no more
 * than the observer's. The report carries the {@link QParams} actually used. Overhead: 32 bits per scale, plus
 * {@code bits} per zero point for affine schemes (symmetric zero points are always 0 and not stored).
 */
public final class IntFormat implements TensorFormat {

    private final QuantScheme scheme;
    private final int bits;
    private final IntRange range;
    private final Granularity granularity;
    private final int groupSize;
    private final Rounding rounding;
    private final boolean powerOfTwoScale;
    private final IntFunction<Observer> observerFactory;

    /**
     * An integer format.
     *
     * @param scheme          signed symmetric (narrow or not) or unsigned affine
     * @param bits            code width, within the scheme's supported widths
     * @param granularity     how many parameter sets
     * @param groupSize       elements per group for {@link Granularity#PER_GROUP}; ignored otherwise
     * @param rounding        nearest-even or stochastic
     * @param powerOfTwoScale whether scales are rounded up to powers of two
     * @param observerFactory a fresh observer for a number of parameter sets ("channels"); it must produce codes
     *                        in {@code scheme.range(bits)}. {@code null} selects {@link MinMaxObserver}
     * @throws IllegalArgumentException if the bit width does not suit the scheme or a per-group size is below 1
     */
    public IntFormat(QuantScheme scheme, int bits, Granularity granularity, int groupSize, Rounding rounding,
                     boolean powerOfTwoScale, IntFunction<Observer> observerFactory) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.range = scheme.range(bits);
        this.bits = bits;
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        if (granularity == Granularity.NONE) {
            throw new IllegalArgumentException("int: granularity none applies only to float formats");
        }
        if (granularity == Granularity.PER_GROUP && groupSize < 1) {
            throw new IllegalArgumentException("int: per-group needs group_size >= 1, got " + groupSize);
        }
        this.groupSize = granularity == Granularity.PER_GROUP ? groupSize : 0;
        this.rounding = Objects.requireNonNull(rounding, "rounding");
        this.powerOfTwoScale = powerOfTwoScale;
        this.observerFactory = observerFactory != null ? observerFactory
                : channels -> MinMaxObserver.perChannel(scheme, bits, channels);
    }

    @Override
    public String name() {
        return "int";
    }

    /** The integer codes. */
    public IntRange range() {
        return range;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if per-group and the row length is not a multiple of the group size
     * @throws IllegalStateException    if the observer's range or number of parameter sets is not what was asked
     * @throws NullPointerException     if {@code rng} is {@code null} and the rounding is stochastic
     */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        TensorLayout layout = TensorLayout.of(name(), x, shape, out, steMask);
        int channels = layout.scaleSets(name(), granularity, groupSize);
        Observer observer = observerFactory.apply(channels);
        if (!observer.range().equals(range)) {
            throw new IllegalStateException("int" + bits + " " + scheme.specName() + " needs codes " + range
                    + ", the observer produces " + observer.range());
        }
        QParams qp = observer.observe(x).calculateQParams();
        if (qp.channelCount() != channels) {
            throw new IllegalStateException("asked the observer for " + channels + " parameter sets, got "
                    + qp.channelCount());
        }
        if (powerOfTwoScale) {
            qp = roundScalesUpToPowersOfTwo(qp);
        }
        long clipped = FakeQuantizer.fakeQuantize(x, qp, range, rounding, rng, out, steMask);
        ScaleRange scales = new ScaleRange();
        for (float s : qp.scales()) {
            scales.add(s);
        }
        long perSet = 32L + (scheme.symmetric() ? 0 : bits);
        return new QuantizationReport(bits, perSet * channels, clipped, scales.min(), scales.max(), qp);
    }

    /** {@code 2^ceil(log2 s)} for every scale: never smaller, so the grid covers at least the observed range. */
    private static QParams roundScalesUpToPowersOfTwo(QParams qp) {
        float[] scales = qp.scales();
        for (int c = 0; c < scales.length; c++) {
            double s = scales[c];
            int e = Math.getExponent(s);
            scales[c] = (float) (s == Math.scalb(1.0, e) ? s : Math.scalb(1.0, e + 1));
        }
        return new QParams(scales, qp.zeroPoints());
    }

    @Override
    public String toString() {
        return "int" + bits + "(" + scheme.specName() + ", " + granularity.specName()
                + (granularity == Granularity.PER_GROUP ? " " + groupSize : "") + ", " + rounding.specName()
                + (powerOfTwoScale ? ", power-of-two scales" : "") + ")";
    }
}
