package dev.ablate.run;

import dev.ablate.metrics.cost.CostTable;
import dev.ablate.metrics.cost.EnergyEstimate;
import dev.ablate.metrics.cost.EnergyModel;
import dev.ablate.metrics.cost.LayerCompute;
import dev.ablate.metrics.cost.ModelPacking;
import dev.ablate.metrics.cost.PackedLayer;
import dev.ablate.metrics.cost.PackedSize;
import dev.ablate.metrics.cost.WeightTensor;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.spec.QuantizeConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Efficiency} of a trial's final model. Every {@link Linear} and {@link Conv2d} weight is packed at the
 * width its quantization gave it (32 bits when it has none) with the quantizer's shared parameters and the
 * cheapest sparse index ({@link PackedSize}); the symbols that the coded size counts are a quantized layer's
 * integer codes where its grid is recorded ({@code int}), else the distinct values. Biases and every other
 * parameter stay fp32. The arithmetic is integer when weights and activations are both integer-quantized, else
 * fp32 (the simulation dequantizes), so a weight-only model saves memory traffic and bytes, not arithmetic energy.
 * Activation bits are the quantized activations' width, else 32.
 */
final class EfficiencyAccounting {

    private static final int FP32_BITS = 32;

    private EfficiencyAccounting() {
    }

    /**
     * @param model          the final model as stored (weights quantized and/or pruned; no activation quantizers)
     * @param quantize       the trial's quantization step, or null
     * @param record         what its quantize stage recorded, or null
     * @param referenceParams parameters of the uncompressed model it replaces (their fp32 size is the reference)
     * @param table          the cost table of the energy model
     */
    static Efficiency of(Network model, QuantizeConfig quantize, QuantizationRecord record, long referenceParams,
                         CostTable table) {
        Map<String, LayerReport> quantized = new HashMap<>();
        Map<String, QuantizationRecord.IntGrid> grids = new HashMap<>();
        if (record != null) {
            record.layers().forEach(l -> quantized.put(l.layer(), l));
            record.weightGrids().forEach(g -> grids.put(g.name(), g));
        }
        boolean quantizedActivations = record != null && record.quantizedActivations();
        int activationBits = quantizedActivations ? quantize.activations().bits() : FP32_BITS;

        List<Layer> weighted = new ArrayList<>();
        List<WeightTensor> tensors = new ArrayList<>();
        long weightElements = 0;
        for (Layer l : model.layers()) {
            Parameter w = weight(l);
            if (w == null) {
                continue;
            }
            LayerReport q = quantized.get(l.name());
            QuantizationRecord.IntGrid grid = grids.get(l.name());
            weighted.add(l);
            tensors.add(new WeightTensor(l.name(), w.data(), q == null ? FP32_BITS : q.bits(),
                    q == null ? 0 : q.overheadBits(), grid == null ? null : codes(w.data(), grid)));
            weightElements += w.size();
        }
        ModelPacking packing = PackedSize.model(tensors, model.parameterCount() - weightElements);

        List<LayerCompute> compute = new ArrayList<>();
        for (int i = 0; i < weighted.size(); i++) {
            Layer l = weighted.get(i);
            PackedLayer p = packing.layers().get(i);
            long macsDense = l.macs();
            long macs = p.elements() == 0 ? 0 : Math.round((double) macsDense * p.nonzero() / p.elements());
            boolean integer = quantizedActivations && quantize.activations().integer()
                    && "int".equals(quantize.weightsFor(l.name()).format());
            long biasBits = (long) FP32_BITS * (parameterCount(l) - p.elements());
            compute.add(new LayerCompute(l.name(), macsDense, macs, p.elementBits(), activationBits, integer,
                    p.totalBits() + biasBits, l.inputSize(), l.outputSize()));
        }
        EnergyEstimate energy = new EnergyModel(table).estimate(compute);

        List<Efficiency.Layer> layers = new ArrayList<>();
        long macsDense = 0;
        long macs = 0;
        long bops = 0;
        for (int i = 0; i < compute.size(); i++) {
            LayerCompute c = compute.get(i);
            PackedLayer p = packing.layers().get(i);
            layers.add(new Efficiency.Layer(c.layer(), p.elements(), p.nonzero(), c.weightBits(), c.activationBits(),
                    p.encoding(), p.relativeIndexBits(), (p.totalBits() + 7) / 8, c.macsDense(), c.macsEffective(),
                    c.bops(), energy.layers().get(i).totalPj()));
            macsDense += c.macsDense();
            macs += c.macsEffective();
            bops += c.bops();
        }
        return new Efficiency(packing.bytes(), packing.codedBytes(), 4L * referenceParams, macsDense, macs, bops,
                energy.totalPj(), table.name(), layers);
    }

    private static Parameter weight(Layer l) {
        if (l instanceof Linear lin) {
            return lin.weight();
        }
        if (l instanceof Conv2d conv) {
            return conv.weight();
        }
        return null;
    }

    private static long parameterCount(Layer l) {
        long n = 0;
        for (Parameter p : l.parameters()) {
            n += p.size();
        }
        return n;
    }

    /**
     * The integer code of every weight on its grid: {@code round(w / scale) + zeroPoint} with the scale of the
     * element's parameter set (per tensor, per output channel or per group of consecutive elements).
     */
    static int[] codes(float[] w, QuantizationRecord.IntGrid grid) {
        int sets = grid.scales().length;
        int perSet = w.length / sets;
        int[] codes = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            int s = i / perSet;
            codes[i] = Math.round(w[i] / grid.scales()[s]) + grid.zeroPoints()[s];
        }
        return codes;
    }
}
