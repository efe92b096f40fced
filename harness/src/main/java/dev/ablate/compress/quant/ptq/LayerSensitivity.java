package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.nn.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Layer-wise sensitivity analysis: each weight layer is quantized alone in one format, everything else float,
 * and scored, showing which layers tolerate low precision (the per-layer plots of AIMET's and Brevitas's
 * analysis tools).
 */
public final class LayerSensitivity {

    private LayerSensitivity() {
    }

    /**
     * One record per weight layer of {@code net}, in layer order; {@code net} is unchanged.
     *
     * @param format    the format each layer's weight is quantized in
     * @param evaluator the score of a network, higher is better (validation accuracy, never test data)
     * @param seed      seed of the stochastic-rounding generator, the same for every layer
     */
    public static List<LayerSensitivityRecord> measure(Network net, TensorFormat format,
                                                       ToDoubleFunction<Network> evaluator, long seed) {
        List<LayerSensitivityRecord> records = new ArrayList<>();
        int count = WeightLayer.of(net).size();
        for (int k = 0; k < count; k++) {
            Network copy = net.copy();
            WeightLayer w = WeightLayer.of(copy).get(k);
            float[] exact = w.weight().data().clone();
            QuantizationReport report = w.quantizeWeight(format, new SplittableRandom(seed));
            float[] quantized = w.weight().data();
            double noise = 0;
            for (int i = 0; i < exact.length; i++) {
                double e = (double) exact[i] - quantized[i];
                noise += e * e;
            }
            double sqnr = WeightQuantizer.sqnrDb(exact, quantized);
            long parameters = w.weight().size() + w.bias().size();
            records.add(new LayerSensitivityRecord(w.name(), parameters, report.elementBits(),
                    evaluator.applyAsDouble(copy), noise / exact.length, sqnr));
        }
        return List.copyOf(records);
    }
}
