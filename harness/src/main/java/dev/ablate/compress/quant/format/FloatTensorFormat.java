package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A {@link FloatFormat} applied element by element to a tensor (fp16, bf16, fp8, fp4). Scale-free: the report
 * has {@code elementBits = width}, no overhead and {@code NaN} scales; the STE mask is 0 exactly where a finite
 * input overflowed (became ±Inf or was saturated, see {@link FloatFormat#overflows(float)}).
 *
 * @param format   the element format
 * @param rounding nearest-even ({@link FloatFormat#round(float)}) or stochastic
 *                 ({@link FloatFormat#round(float, SplittableRandom)})
 */
public record FloatTensorFormat(FloatFormat format, Rounding rounding) implements TensorFormat {

    /** Checks the components are present. */
    public FloatTensorFormat {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rounding, "rounding");
    }

    @Override
    public String name() {
        return format.name();
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code rng} is {@code null} and the rounding is stochastic
     */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        TensorLayout.of(name(), x, shape, out, steMask);
        boolean stochastic = rounding == Rounding.STOCHASTIC;
        if (stochastic) {
            Objects.requireNonNull(rng, "rng is required for stochastic rounding");
        }
        long clipped = 0;
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            boolean overflow = format.overflows(v);
            out[i] = stochastic ? format.round(v, rng) : format.round(v);
            if (overflow) {
                clipped++;
            }
            if (steMask != null) {
                steMask[i] = (byte) (overflow ? 0 : 1);
            }
        }
        return new QuantizationReport(format.width(), 0, clipped, Float.NaN, Float.NaN, null);
    }
}
