package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QuantScheme;

import java.util.List;

/** Builds the observer a {@link CalibrationSpec} names. */
public final class Observers {

    /** The calibration methods, as specs spell them. */
    public static final List<String> METHODS = List.of("minmax", "moving-average", "percentile", "mse", "kl");

    /**
     * How many values the sample-based observers ({@code percentile}, {@code mse}) keep exactly before they
     * switch to a reservoir sample: 2^20, 4 MiB.
     */
    public static final int DEFAULT_SAMPLE_CAP = 1 << 20;

    private Observers() {
    }

    /**
     * A fresh observer.
     *
     * @param spec     method and parameters
     * @param scheme   the quantization scheme
     * @param bits     bit width, valid for {@code scheme}
     * @param channels 1 per tensor, else the size of axis 0
     * @throws IllegalArgumentException if {@code bits} or {@code channels} is out of range, or the method is
     *                                  per tensor only ({@code kl}) and {@code channels > 1}
     */
    public static Observer create(CalibrationSpec spec, QuantScheme scheme, int bits, int channels) {
        return switch (spec.method()) {
            case "minmax" -> MinMaxObserver.perChannel(scheme, bits, channels);
            case "moving-average" ->
                    new MovingAverageMinMaxObserver(scheme, bits, channels, (float) spec.averagingConstant());
            case "percentile" -> new PercentileObserver(scheme, bits, channels, spec.percentile(),
                    DEFAULT_SAMPLE_CAP);
            case "mse" -> new MseObserver(scheme, bits, channels, spec.gridSize(), DEFAULT_SAMPLE_CAP);
            case "kl" -> {
                if (channels != 1) {
                    throw new IllegalArgumentException("calibration method 'kl' is per tensor only, got "
                            + channels + " channels");
                }
                yield new EntropyObserver(scheme, bits);
            }
            default -> throw new IllegalStateException("method '" + spec.method() + "' passed validation but has no observer");
        };
    }
}
