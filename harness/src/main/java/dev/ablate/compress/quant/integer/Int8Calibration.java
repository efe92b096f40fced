package dev.ablate.compress.quant.integer;

import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.QuantizedNetwork;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.compress.quant.format.FormatSpec;
import dev.ablate.compress.quant.format.TensorFormats;
import dev.ablate.compress.quant.sim.ActivationSpec;
import dev.ablate.compress.quant.sim.CalibrationData;
import dev.ablate.compress.quant.sim.QuantSimulator;
import dev.ablate.compress.quant.sim.StaticQuantization;
import dev.ablate.data.Dataset;
import dev.ablate.nn.Network;
import dev.ablate.spec.Granularity;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * torch.ao's default static int8 quantization of a folded network, ready for {@link IntegerNetwork#convert}:
 * weights per output channel on the signed symmetric int8 grid, and one min-max activation grid per
 * {@link dev.ablate.compress.quant.ActivationSites site} calibrated on training batches, built with the same
 * {@link WeightQuantizer} and {@link QuantSimulator} a trial uses. For benchmarks and tests that need an int8
 * model without a spec.
 *
 * @param quantization    the simulated model and its grids
 * @param activationRange the activation codes
 */
public record Int8Calibration(StaticQuantization quantization, IntRange activationRange) {

    /** Bits of weights and activations. */
    public static final int BITS = 8;

    /** Checks the components are present. */
    public Int8Calibration {
        Objects.requireNonNull(quantization, "quantization");
        Objects.requireNonNull(activationRange, "activationRange");
    }

    /**
     * Quantizes the weights of a copy of {@code folded} and calibrates its activations.
     *
     * @param activationScheme {@link QuantScheme#UNSIGNED_AFFINE} (uint8, torch's default) or a signed scheme (int8)
     */
    public static Int8Calibration calibrate(Network folded, Dataset calibration, int batches, int batchSize,
                                            QuantScheme activationScheme) {
        TensorFormat int8 = TensorFormats.create(new FormatSpec("int", BITS, true, Granularity.PER_CHANNEL, 0,
                Rounding.NEAREST_EVEN, false), null);
        QuantizedNetwork weights = WeightQuantizer.quantize(folded, layer -> int8, 0);
        StaticQuantization q = QuantSimulator.simulateStatic(weights, ActivationSpec.minMax(activationScheme, BITS),
                new CalibrationData(calibration, batches, batchSize, 0));
        return new Int8Calibration(q, activationScheme.range(BITS));
    }

    /** The folded network with fake-quantized weights and float32 activations (what integer inference converts). */
    public Network network() {
        return quantization.plain();
    }

    /** The weight grids by layer name. */
    public Map<String, QParams> weightParams() {
        return quantization.weightParams();
    }

    /** One activation grid per site, the input first. */
    public List<QParams> activationParams() {
        return quantization.activationParams();
    }

    /** Converts to integer-only inference. */
    public IntegerNetwork toInteger() {
        return IntegerNetwork.convert(network(), weightParams(), activationParams(), activationRange);
    }

    /** The simulation of the deployed model in float32: a new array of {@code n * classCount} logits. */
    public float[] simulatedLogits(float[] x, int n) {
        return quantization.simulated().logits(x, n).clone();
    }
}
