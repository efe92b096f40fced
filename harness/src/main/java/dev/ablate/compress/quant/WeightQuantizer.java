package dev.ablate.compress.quant;

import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.spec.Granularity;
import dev.ablate.spec.WeightQuantConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Post-training weight quantization: observes each prunable weight with a {@link MinMaxObserver} and
 * replaces it by its {@link FakeQuantizer} output. Biases stay float32, as torch.ao leaves them.
 *
 * <p>{@code symmetric = true} selects {@link QuantScheme#SIGNED_SYMMETRIC}, {@code false}
 * {@link QuantScheme#UNSIGNED_AFFINE}; per-channel means one scale per output row (axis 0). Pruned weights
 * stay exactly zero, because 0 is always representable, and masks are kept on the copy.
 */
public final class WeightQuantizer {

    private WeightQuantizer() {
    }

    /**
     * Quantizes a copy of {@code net}; {@code net} itself is unchanged.
     *
     * @throws IllegalArgumentException if the format is not {@code int} or the bit width is not supported by
     *                                  the scheme
     */
    public static QuantizedNetwork quantize(Network net, WeightQuantConfig cfg) {
        if (!"int".equals(cfg.format())) {
            throw new IllegalArgumentException("compress.quantize.weights.format: unsupported format '" + cfg.format()
                    + "' (supported: int)");
        }
        QuantScheme scheme = cfg.symmetric() ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
        IntRange range = scheme.range(cfg.bits());
        Network copy = net.copy();
        List<LayerQuantStats> stats = new ArrayList<>();
        for (Parameter p : copy.parameters()) {
            if (!p.prunable()) {
                continue;
            }
            int channels = cfg.granularity() == Granularity.PER_CHANNEL ? p.shape()[0] : 1;
            MinMaxObserver observer = channels == 1
                    ? MinMaxObserver.perTensor(scheme, cfg.bits())
                    : MinMaxObserver.perChannel(scheme, cfg.bits(), channels);
            QParams qp = observer.observe(p.data()).calculateQParams();
            FakeQuantizer.Result r = FakeQuantizer.fakeQuantizeWithCodes(p.data(), qp, range);
            System.arraycopy(r.output(), 0, p.data(), 0, p.size());
            long clipped = 0;
            for (byte m : r.mask()) {
                clipped += 1 - m;
            }
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float s : qp.scales()) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
            String name = p.name();
            int dot = name.lastIndexOf('.');
            stats.add(new LayerQuantStats(dot < 0 ? name : name.substring(0, dot), name, cfg.bits(), lo, hi, clipped));
        }
        return new QuantizedNetwork(copy, cfg, stats);
    }
}
