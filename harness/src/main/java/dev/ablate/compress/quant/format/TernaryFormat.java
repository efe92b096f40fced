package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.spec.Granularity;

import java.util.SplittableRandom;

/**
 * The {@code ternary} format of Ternary Weight Networks (Li &amp; Liu 2016): values in {@code {-alpha, 0, alpha}},
 * per tensor or per output channel, with the paper's approximate optimum
 * <pre>
 *   delta = 0.7 * mean|w|                     (Li &amp; Liu 2016, eq. 9)
 *   alpha = mean of |w| over |w| &gt; delta      (eq. 6)
 *   w -&gt; alpha * sign(w) if |w| &gt; delta, else 0
 * </pre>
 * Two bits per element plus a 32-bit {@code alpha} per scale; nothing is clipped. A group with no value above
 * {@code delta} (all zeros) becomes zeros with {@code alpha = 0}.
 *
 * @param granularity per-tensor or per-channel
 */
public record TernaryFormat(Granularity granularity) implements TensorFormat {

    /** Li &amp; Liu 2016, eq. 9: the threshold as a fraction of the mean magnitude. */
    public static final double DELTA_FACTOR = 0.7;

    /**
     * Checks the granularity.
     *
     * @throws IllegalArgumentException for per-group granularity
     */
    public TernaryFormat {
        ScaledLevels.requirePerTensorOrChannel("ternary", granularity);
    }

    @Override
    public String name() {
        return "ternary";
    }

    /** {@inheritDoc} Deterministic: {@code rng} is unused and may be {@code null}. */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        return ScaledLevels.quantize(name(), 2, granularity, TernaryFormat::ternarize, x, shape, out, steMask);
    }

    private static float ternarize(float[] x, int from, int to, float[] out) {
        double delta = DELTA_FACTOR * ScaledLevels.meanAbs(x, from, to);
        double sum = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (Math.abs(x[i]) > delta) {
                sum += Math.abs(x[i]);
                count++;
            }
        }
        float alpha = count == 0 ? 0f : (float) (sum / count);
        for (int i = from; i < to; i++) {
            out[i] = Math.abs(x[i]) > delta ? Math.copySign(alpha, x[i]) : 0f;
        }
        return alpha;
    }
}
