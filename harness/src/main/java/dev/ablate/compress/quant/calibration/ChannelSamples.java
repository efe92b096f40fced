package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QuantScheme;

/**
 * What the sample-based observers keep per channel: the exact running min/max (a {@link MinMaxObserver}, which
 * also checks that each tensor splits into the channels) and a {@link ReservoirSample} of the values. The
 * total capacity is shared, {@code ceil(capacity / channels)} values per channel, so memory stays bounded
 * by the capacity plus one value per channel.
 */
final class ChannelSamples {

    /** Fixed seed of the first channel's reservoir; channel {@code c} uses {@code SEED + c}. */
    private static final long SEED = 0x5EED_AB1A7EL;

    private final MinMaxObserver minMax;
    private final ReservoirSample[] samples;

    ChannelSamples(QuantScheme scheme, int bits, int channels, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sample capacity must be at least 1, got " + capacity);
        }
        this.minMax = MinMaxObserver.perChannel(scheme, bits, channels);
        this.samples = new ReservoirSample[channels];
        int perChannel = (int) ((capacity + (long) channels - 1) / channels);
        for (int c = 0; c < channels; c++) {
            samples[c] = new ReservoirSample(perChannel, SEED + c);
        }
    }

    void observe(float[] x) {
        minMax.observe(x);
        int block = x.length / samples.length;
        for (int c = 0; c < samples.length; c++) {
            samples[c].add(x, c * block, (c + 1) * block);
        }
    }

    int channels() {
        return samples.length;
    }

    /** The kept values of channel {@code c}. */
    float[] values(int c) {
        requireObserved();
        return samples[c].values();
    }

    /** Exact running minimum per channel. */
    float[] min() {
        requireObserved();
        return minMax.observedMin();
    }

    /** Exact running maximum per channel. */
    float[] max() {
        requireObserved();
        return minMax.observedMax();
    }

    /** Values kept over all channels. */
    int retained() {
        int n = 0;
        for (ReservoirSample s : samples) {
            n += s.size();
        }
        return n;
    }

    private void requireObserved() {
        if (samples[0].seen() == 0) {
            throw new IllegalStateException("calculateQParams before any observe");
        }
    }
}
