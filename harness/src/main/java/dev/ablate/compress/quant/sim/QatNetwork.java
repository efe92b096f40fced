package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.LayerQuantStats;
import dev.ablate.compress.quant.QParams;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network prepared for quantization-aware training: every {@link dev.ablate.nn.Linear} and
 * {@link dev.ablate.nn.Conv2d} wrapped in a {@link WeightFakeQuant} and a {@link SiteQuantizer} at every
 * activation site. Train {@link #network()} with {@link dev.ablate.nn.Trainer} as it is; {@link #convert()} then
 * gives the deployable {@link StaticQuantization}. Static quantization is the same thing converted without
 * training. Not thread-safe.
 */
public final class QatNetwork {

    private final Network network;

    QatNetwork(Network network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    /** The trainable network: master weights, biases and any learned quantization parameters. */
    public Network network() {
        return network;
    }

    /**
     * The network as deployed now: weights fake-quantized with their current parameters, activation quantizers
     * frozen to the parameters inference uses ({@link SiteQuantizer#frozen()}). The QAT network is not
     * changed and can be trained further.
     */
    public StaticQuantization convert() {
        List<Layer> simulated = new ArrayList<>();
        Map<String, QParams> weightParams = new LinkedHashMap<>();
        List<LayerQuantStats> reports = new ArrayList<>();
        for (Layer l : network.layers()) {
            if (l instanceof WeightFakeQuant w) {
                WeightFakeQuant.Converted c = w.convert();
                simulated.add(c.layer());
                reports.add(c.report());
                if (c.report().report().intParams() != null) {
                    weightParams.put(c.report().layer(), c.report().report().intParams());
                }
            } else if (l instanceof SiteQuantizer q) {
                simulated.add(q.frozen());
            } else {
                simulated.add(l.copy());
            }
        }
        Network sim = new Network(simulated);
        sim.setTraining(false, 0);
        return new StaticQuantization(sim, QuantSimulator.intParams(simulated), weightParams, reports);
    }
}
