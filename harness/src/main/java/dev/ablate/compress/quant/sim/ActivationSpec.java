package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QuantScheme;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * How activations are quantized at every {@link dev.ablate.compress.quant.ActivationSites site}: per tensor,
 * with {@code bits} codes of {@code scheme}, the range calibrated by a fresh observer per site.
 *
 * @param bits      bit width
 * @param scheme    integer scheme, {@link QuantScheme#UNSIGNED_AFFINE} in torch.ao's default {@code quint8}
 * @param observers the calibration observer of each site, given the site's index in site order; its
 *                  {@link Observer#range()} must be {@code scheme.range(bits)}
 * @param learned   for QAT: learn the step size and zero point (LSQ) instead of tracking a moving-average
 *                  min/max; ignored by static quantization
 */
public record ActivationSpec(int bits, QuantScheme scheme, IntFunction<Observer> observers, boolean learned)
        implements ActivationQuantization {

    /** @throws IllegalArgumentException if the scheme does not support {@code bits} */
    public ActivationSpec {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(observers, "observers");
        scheme.range(bits);
    }

    /** Per-tensor {@link MinMaxObserver}s of {@code scheme} at {@code bits}; no LSQ. */
    public static ActivationSpec minMax(QuantScheme scheme, int bits) {
        return new ActivationSpec(bits, scheme, site -> MinMaxObserver.perTensor(scheme, bits), false);
    }

    /** torch.ao's default: unsigned affine 8 bit ({@code quint8}) with min/max calibration. */
    public static ActivationSpec uint8() {
        return minMax(QuantScheme.UNSIGNED_AFFINE, 8);
    }

    /** This spec with learned step sizes (LSQ) for QAT. */
    public ActivationSpec withLearnedSteps() {
        return new ActivationSpec(bits, scheme, observers, true);
    }

    /** @throws IllegalArgumentException if the factory's observer quantizes onto another range */
    @Override
    public ActivationQuantizer observing(String name, int[] shape, int site) {
        return ActivationQuantizer.observing(name, shape, observer(site));
    }

    /** A learned-step (LSQ) quantizer when {@link #learned()}, else a moving-average one, from the calibration. */
    @Override
    public ActivationQuantizer trainable(SiteQuantizer calibrated) {
        ActivationQuantizer q = (ActivationQuantizer) calibrated;
        return learned
                ? ActivationQuantizer.learned(q.name(), q.inputShape(), scheme, bits, q.qParams())
                : ActivationQuantizer.movingAverage(q.name(), q.inputShape(), scheme, bits, q.qParams());
    }

    /**
     * The observer of site {@code site}.
     *
     * @throws IllegalArgumentException if the factory's observer quantizes onto another range
     */
    Observer observer(int site) {
        Observer o = Objects.requireNonNull(observers.apply(site), "observer of site " + site);
        if (!o.range().equals(scheme.range(bits))) {
            throw new IllegalArgumentException("activation observer of site " + site + " quantizes onto " + o.range()
                    + ", but the spec says " + scheme.specName() + " " + bits + " bit " + scheme.range(bits));
        }
        return o;
    }
}
