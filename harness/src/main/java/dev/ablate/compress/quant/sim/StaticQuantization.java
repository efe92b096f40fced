package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.LayerQuantStats;
import dev.ablate.compress.quant.QParams;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A statically quantized network as simulation and integer-only inference need it.
 *
 * @param simulated        plain layers with fake-quantized weights and fixed {@link SiteQuantizer}s at the
 *                         {@link dev.ablate.compress.quant.ActivationSites sites}; runnable with
 *                         {@link Network#logits}
 * @param activationParams the per-tensor integer parameters of each site, in site order (empty for weight-only
 *                         and for float activations)
 * @param weightParams     per weight layer name ({@code fc1}), in layer order, its weight's integer parameters;
 *                         only layers whose format is an integer grid appear
 * @param layers           what quantization did to each weight layer, in layer order
 */
public record StaticQuantization(Network simulated, List<QParams> activationParams, Map<String, QParams> weightParams,
                                 List<LayerQuantStats> layers) {
    public StaticQuantization {
        Objects.requireNonNull(simulated, "simulated");
        activationParams = List.copyOf(activationParams);
        weightParams = Collections.unmodifiableMap(new LinkedHashMap<>(weightParams));
        layers = List.copyOf(layers);
    }

    /**
     * The simulated network without its activation quantizers: the weight-quantized float network that
     * integer-only inference converts and that {@link QuantSimulator#withFixedActivations} turns back into
     * {@link #simulated()}.
     */
    public Network plain() {
        return new Network(simulated.layers().stream().filter(l -> !(l instanceof SiteQuantizer))
                .map(Layer::copy).toList());
    }

    /** The fixed quantizer of every site, in site order (empty for weight-only). */
    public List<SiteQuantizer> sites() {
        return simulated.layers().stream().filter(l -> l instanceof SiteQuantizer).map(l -> (SiteQuantizer) l)
                .toList();
    }
}
