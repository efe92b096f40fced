package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.compress.quant.calibration.Observers;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.compress.quant.format.FloatScaling;

import java.util.Objects;

/**
 * Scaled float activations: at every site, one float32 scale per tensor maps a calibrated clipping magnitude
 * onto the element format's largest finite value ({@link FloatScaling}), as fp8 inference does with static
 * scales. QAT tracks a moving average of the magnitude ({@link FloatActivationQuantizer}).
 *
 * @param format      the element format ({@code fp8-e4m3}, {@code fp8-e5m2}, {@code fp4-e2m1})
 * @param calibration how each site's magnitude is chosen ({@link Observers#forScaledGrid}): {@code minmax},
 *                    {@code moving-average}, {@code percentile} or {@code mse}
 */
public record FloatActivationSpec(FloatFormat format, CalibrationSpec calibration) implements ActivationQuantization {

    /** @throws IllegalArgumentException for a calibration method that applies only to integer grids */
    public FloatActivationSpec {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(calibration, "calibration");
        Observers.forScaledGrid(calibration, 1, (values, range) -> 0);
    }

    @Override
    public FloatActivationQuantizer observing(String name, int[] shape, int site) {
        return FloatActivationQuantizer.observing(name, shape, format, Observers.forScaledGrid(calibration, 1,
                (values, range) -> FloatScaling.meanSquaredError(format, values, range.max())));
    }

    @Override
    public FloatActivationQuantizer trainable(SiteQuantizer calibrated) {
        FloatActivationQuantizer q = (FloatActivationQuantizer) calibrated;
        return FloatActivationQuantizer.movingAverage(q.name(), q.inputShape(), format, q.amax());
    }
}
