package dev.ablate.run;

import dev.ablate.compress.quant.integer.IntegerNetwork;
import dev.ablate.data.Dataset;
import dev.ablate.metrics.latency.LatencyMeter;
import dev.ablate.metrics.latency.LatencyProfile;
import dev.ablate.nn.Network;
import dev.ablate.spec.LatencyConfig;

/**
 * What a LATENCY stage measures: the final model's inference on test examples, single-threaded, with every kernel
 * that applies ({@link LatencyProfile}), at every batch size of {@code eval.latency}. The sweep runs these stages
 * only once every other stage has finished, one per core, so that training does not share the cores being timed.
 */
final class LatencyStage {

    private LatencyStage() {
    }

    /**
     * @param model the stored model (fp32 weights, dequantized when quantized)
     * @param int8  its integer-only conversion, or null
     */
    static Latency measure(Network model, IntegerNetwork int8, LatencyConfig config, Dataset test) {
        LatencyMeter meter = new LatencyMeter(new LatencyMeter.Settings(config.warmupMillis(), config.reps(),
                config.minRepMillis()));
        return new Latency(LatencyProfile.measure(model, int8, config.sparseThreshold(), config.batches(),
                test.features(), test.size(), meter));
    }
}
