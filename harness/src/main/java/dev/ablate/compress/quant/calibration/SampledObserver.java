package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.QuantScheme;

/**
 * A clipping observer that chooses its range from the values themselves: it keeps them per channel, exactly up
 * to a cap shared by the channels and as a seeded reservoir sample beyond ({@link ChannelSamples}).
 *
 * @param <S> the concrete observer, which {@link #observe} returns
 */
abstract class SampledObserver<S extends SampledObserver<S>> extends GridObserver {

    /** The kept values, min and max per channel. */
    protected final ChannelSamples samples;

    SampledObserver(QuantScheme scheme, int bits, int channels, int sampleCap) {
        super(scheme, bits);
        this.samples = new ChannelSamples(scheme, bits, channels, sampleCap);
    }

    /** Keeps (a sample of) the values; the length must be a non-zero multiple of the channels. */
    @Override
    @SuppressWarnings("unchecked") // S is the concrete class by construction
    public S observe(float[] x) {
        samples.observe(x);
        return (S) this;
    }

    /** Number of values held in memory, over all channels: never more than the sample cap plus the channels. */
    public int retainedValues() {
        return samples.retained();
    }
}
