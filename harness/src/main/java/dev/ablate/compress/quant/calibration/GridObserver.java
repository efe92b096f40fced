package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.QuantScheme;

import java.util.Objects;

/** What every clipping observer holds: the scheme and bit width whose integer grid the parameters are for. */
abstract class GridObserver implements ClippingObserver {

    /** The quantization scheme. */
    protected final QuantScheme scheme;
    /** The bit width, valid for {@link #scheme}. */
    protected final int bits;

    /** @throws IllegalArgumentException if {@code bits} is not valid for {@code scheme} */
    GridObserver(QuantScheme scheme, int bits) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        scheme.range(bits);
        this.bits = bits;
    }

    @Override
    public final QuantScheme scheme() {
        return scheme;
    }

    @Override
    public final IntRange range() {
        return scheme.range(bits);
    }
}
