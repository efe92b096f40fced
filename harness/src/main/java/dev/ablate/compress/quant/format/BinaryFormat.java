package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.spec.Granularity;

import java.util.SplittableRandom;

/**
 * The {@code binary} format of XNOR-Net (Rastegari et al. 2016): {@code w -> sign(w) * alpha} with
 * {@code alpha = mean|w|}, the L2-optimal scale for a sign pattern, per tensor or per output channel.
 * {@code sign(0) = +1} (so does {@code -0}). One bit per element plus a 32-bit {@code alpha} per scale; nothing is
 * clipped.
 *
 * @param granularity per-tensor or per-channel
 */
public record BinaryFormat(Granularity granularity) implements TensorFormat {

    /**
     * Checks the granularity.
     *
     * @throws IllegalArgumentException for per-group granularity
     */
    public BinaryFormat {
        ScaledLevels.requirePerTensorOrChannel("binary", granularity);
    }

    @Override
    public String name() {
        return "binary";
    }

    /** {@inheritDoc} Deterministic: {@code rng} is unused and may be {@code null}. */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        return ScaledLevels.quantize(name(), 1, granularity, BinaryFormat::binarize, x, shape, out, steMask);
    }

    private static float binarize(float[] x, int from, int to, float[] out) {
        float alpha = (float) ScaledLevels.meanAbs(x, from, to);
        for (int i = from; i < to; i++) {
            // compare with 0 rather than Math.signum, which keeps 0 as 0
            out[i] = x[i] >= 0 ? alpha : -alpha;
        }
        return alpha;
    }
}
