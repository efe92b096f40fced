package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.QuantScheme;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Percentile clipping: {@code torch.quantile} with linear interpolation (position {@code q * (n - 1)} of the
 * sorted values) chooses the range, then the MinMax formula gives the parameters.
 * <ul>
 *   <li>affine: {@code [quantile(x, 1 - q), quantile(x, q)]} ({@code 1 - q} rounded to float32);</li>
 *   <li>symmetric: {@code [-c, c]} with {@code c = quantile(|x|, q)}.</li>
 * </ul>
 * Values are kept exactly up to {@code sampleCap} (shared by the channels) and as a seeded reservoir sample
 * beyond, so the quantiles are exact until then and an unbiased estimate after. Not thread-safe.
 */
public final class PercentileObserver extends SampledObserver<PercentileObserver> {

    /** The default {@code q}. */
    public static final double DEFAULT_PERCENTILE = 0.999;

    private final double q;

    /**
     * @param scheme    the quantization scheme
     * @param bits      bit width, valid for {@code scheme}
     * @param channels  1 per tensor, else the size of axis 0
     * @param q         the upper quantile, in {@code (0.5, 1]}
     * @param sampleCap how many values to keep at most, over all channels ({@link Observers#DEFAULT_SAMPLE_CAP})
     * @throws IllegalArgumentException if an argument is out of range
     */
    public PercentileObserver(QuantScheme scheme, int bits, int channels, double q, int sampleCap) {
        super(scheme, bits, channels, sampleCap);
        if (!(q > 0.5 && q <= 1)) {
            throw new IllegalArgumentException("percentile q must be in (0.5, 1], got " + q);
        }
        this.q = q;
    }

    /** The percentile range of each channel. */
    @Override
    public List<ClipRange> clipRanges() {
        List<ClipRange> out = new ArrayList<>(samples.channels());
        for (int c = 0; c < samples.channels(); c++) {
            float[] v = samples.values(c);
            if (scheme.symmetric()) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.abs(v[i]);
                }
                Arrays.sort(v);
                out.add(ClipRange.symmetric(quantile(v, q)));
            } else {
                Arrays.sort(v);
                out.add(new ClipRange(quantile(v, 1 - q), quantile(v, q)));
            }
        }
        return out;
    }

    /**
     * {@code torch.quantile(sorted, p)} in float32 as PyTorch 1.13 computes it on CPU: rank {@code fl32(p * (n-1))},
     * weight {@code rank - floor(rank)}, and {@code torch.lerp} of the neighbouring order statistics.
     */
    private static float quantile(float[] sorted, double p) {
        float rank = (float) p * (sorted.length - 1);
        int below = (int) rank;
        int above = (int) Math.ceil(rank);
        float weight = rank - below;
        float a = sorted[below];
        float b = sorted[above];
        return weight < 0.5f ? a + weight * (b - a) : b - (b - a) * (1 - weight);
    }
}
