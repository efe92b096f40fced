package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.spec.Granularity;

import java.util.Arrays;

/**
 * The common skeleton of the scaled low-bit formats ({@code binary}, {@code ternary}): the tensor, or each
 * output row, gets one float32 scale {@code alpha} and its values become a few multiples of it. These formats
 * threshold rather than saturate, so nothing counts as clipped and the STE passes every gradient.
 */
final class ScaledLevels {

    /** Bits of each stored scale. */
    static final int SCALE_BITS = 32;

    private ScaledLevels() {
    }

    /** Quantizes one contiguous group of elements into {@code out} and returns its scale. */
    @FunctionalInterface
    interface GroupRule {
        float apply(float[] x, int from, int to, float[] out);
    }

    /** Checks that a scaled-levels format supports the granularity: per-tensor or per-channel. */
    static void requirePerTensorOrChannel(String format, Granularity granularity) {
        if (granularity != Granularity.PER_TENSOR && granularity != Granularity.PER_CHANNEL) {
            throw new IllegalArgumentException(format + ": granularity must be per-tensor or per-channel, got "
                    + granularity.specName());
        }
    }

    /** Applies {@code rule} to the whole tensor or to each output row and reports the scales used. */
    static QuantizationReport quantize(String format, int elementBits, Granularity granularity, GroupRule rule,
                                       float[] x, int[] shape, float[] out, byte[] steMask) {
        TensorLayout layout = TensorLayout.of(format, x, shape, out, steMask);
        int groups = granularity == Granularity.PER_CHANNEL ? layout.rows() : 1;
        int length = layout.size() / groups;
        ScaleRange scales = new ScaleRange();
        for (int g = 0; g < groups; g++) {
            scales.add(rule.apply(x, g * length, (g + 1) * length, out));
        }
        if (steMask != null) {
            Arrays.fill(steMask, (byte) 1);
        }
        return new QuantizationReport(elementBits, (long) SCALE_BITS * groups, 0, scales.min(), scales.max(), null);
    }

    /** {@code mean(|x[i]|)} over {@code [from, to)}, in double. */
    static double meanAbs(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(x[i]);
        }
        return sum / (to - from);
    }
}
