package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.spec.Descriptor;
import dev.ablate.spec.SchemaNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The calibration methods: how an observer chooses a quantization range, as a spec names it
 * ({@code compress.quantize.weights.calibration}, {@code compress.quantize.activations.calibration.method}), with
 * the observer it builds.
 */
public enum CalibrationMethod implements Descriptor {
    /** The observed minimum and maximum. */
    MINMAX("minmax", "the observed minimum and maximum (per channel for weights)") {
        @Override
        Observer observer(CalibrationSpec spec, QuantScheme scheme, int bits, int channels) {
            return MinMaxObserver.perChannel(scheme, bits, channels);
        }
    },
    /** An exponential moving average of each batch's minimum and maximum. */
    MOVING_AVERAGE("moving-average", "an exponential moving average of each calibration batch's minimum and "
            + "maximum") {
        @Override
        Observer observer(CalibrationSpec spec, QuantScheme scheme, int bits, int channels) {
            return new MovingAverageMinMaxObserver(scheme, bits, channels, (float) spec.averagingConstant());
        }
    },
    /** A quantile of the observed values. */
    PERCENTILE("percentile", "clips at a quantile of the observed values (torch.quantile's rule)") {
        @Override
        Observer observer(CalibrationSpec spec, QuantScheme scheme, int bits, int channels) {
            return new PercentileObserver(scheme, bits, channels, spec.percentile(), Observers.DEFAULT_SAMPLE_CAP);
        }

        @Override
        public Map<String, SchemaNode> keys() {
            return Map.of("percentile", PERCENTILE_KEY);
        }
    },
    /** The candidate range with the least quantization error. */
    MSE("mse", "the clipping range, of a grid of candidates, with the smallest mean squared quantization "
            + "error") {
        @Override
        Observer observer(CalibrationSpec spec, QuantScheme scheme, int bits, int channels) {
            return new MseObserver(scheme, bits, channels, spec.gridSize(), Observers.DEFAULT_SAMPLE_CAP);
        }
    },
    /** The threshold of least KL divergence (TensorRT's entropy calibration). */
    KL("kl", "the histogram threshold of least KL divergence (entropy calibration); int activations, per "
            + "tensor") {
        @Override
        Observer observer(CalibrationSpec spec, QuantScheme scheme, int bits, int channels) {
            if (channels != 1) {
                throw new IllegalArgumentException("calibration method 'kl' is per tensor only, got " + channels
                        + " channels");
            }
            return new EntropyObserver(scheme, bits);
        }
    };

    /** The {@code percentile} key of {@link #PERCENTILE}: the upper quantile, default 0.999. */
    public static final SchemaNode.Real PERCENTILE_KEY = new SchemaNode.Real(0.5, false, 1, false, 0.999);

    private final String specName;
    private final String description;

    CalibrationMethod(String specName, String description) {
        this.specName = specName;
        this.description = description;
    }

    /** A fresh observer of this method; see {@link Observers#create}. */
    abstract Observer observer(CalibrationSpec spec, QuantScheme scheme, int bits, int channels);

    @Override
    public String specName() {
        return specName;
    }

    @Override
    public String description() {
        return description;
    }

    /** The methods that can choose a weight range from the weights alone, in documentation order. */
    public static List<CalibrationMethod> forWeights() {
        return List.of(MINMAX, MSE, PERCENTILE);
    }

    /** Every method, as activation calibration takes them, in documentation order. */
    public static List<CalibrationMethod> forActivations() {
        return List.of(values());
    }

    /**
     * The method a spec spells {@code name}.
     *
     * @throws IllegalArgumentException naming the valid methods
     */
    public static CalibrationMethod of(String name) {
        return Arrays.stream(values()).filter(m -> m.specName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("calibration method: unknown method '" + name
                        + "' (valid: " + String.join(", ", Observers.METHODS) + ")"));
    }
}
