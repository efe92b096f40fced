package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QuantScheme;

import java.util.List;

/** Builds the observer a {@link CalibrationSpec} names. */
public final class Observers {

    /** The calibration methods, as specs spell them. */
    public static final List<String> METHODS = CalibrationMethod.forActivations().stream()
            .map(CalibrationMethod::specName).toList();

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
        return CalibrationMethod.of(spec.method()).observer(spec, scheme, bits, channels);
    }

    /**
     * A fresh observer that chooses symmetric clipping magnitudes for a grid that is not integer (a scaled
     * float format): {@code minmax} the largest magnitude, {@code moving-average} that of the moving-average
     * range, {@code percentile} the quantile of the magnitudes, {@code mse} the candidate with the smallest
     * {@code error}. Read its choice with {@link #clipMagnitudes}; its integer {@link Observer#calculateQParams()
     * parameters} are those of a nominal int8 grid and mean nothing for the float grid.
     *
     * @param channels 1 per tensor, else the number of scale sets
     * @param error    the float grid's error of a range, used by {@code mse}
     * @throws IllegalArgumentException for {@code kl}, which searches thresholds of an integer histogram
     */
    public static Observer forScaledGrid(CalibrationSpec spec, int channels, MseObserver.ClipError error) {
        QuantScheme nominal = QuantScheme.SIGNED_SYMMETRIC;
        int bits = 8;
        return switch (CalibrationMethod.of(spec.method())) {
            case MSE -> new MseObserver(nominal, bits, channels, spec.gridSize(), DEFAULT_SAMPLE_CAP, error);
            case KL -> throw new IllegalArgumentException("calibration method 'kl' searches the thresholds of an "
                    + "integer histogram and applies only to int; a scaled float format takes minmax, "
                    + "moving-average, percentile or mse");
            default -> create(spec, nominal, bits, channels);
        };
    }

    /**
     * The symmetric clipping magnitude {@code max(-min, max)} of every channel an observer chose: the largest
     * magnitude seen for {@link MinMaxObserver}, the chosen range's for a {@link ClippingObserver}.
     *
     * @throws IllegalStateException    if nothing was observed
     * @throws IllegalArgumentException for an observer that chooses no range it can report
     */
    public static float[] clipMagnitudes(Observer observer) {
        if (observer instanceof MinMaxObserver m) {
            m.calculateQParams(); // throws if nothing was observed
            return magnitudes(m.observedMin(), m.observedMax());
        }
        if (observer instanceof ClippingObserver c) {
            List<ClipRange> ranges = c.clipRanges();
            float[] lo = new float[ranges.size()];
            float[] hi = new float[ranges.size()];
            for (int k = 0; k < lo.length; k++) {
                lo[k] = ranges.get(k).min();
                hi[k] = ranges.get(k).max();
            }
            return magnitudes(lo, hi);
        }
        throw new IllegalArgumentException(observer.getClass().getSimpleName() + " reports no clipping range");
    }

    private static float[] magnitudes(float[] lo, float[] hi) {
        float[] m = new float[lo.length];
        for (int k = 0; k < m.length; k++) {
            m[k] = Math.max(-Math.min(lo[k], 0f), Math.max(hi[k], 0f));
        }
        return m;
    }
}
