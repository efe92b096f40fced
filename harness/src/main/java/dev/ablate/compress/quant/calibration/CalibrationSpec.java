package dev.ablate.compress.quant.calibration;

import java.util.Objects;

/**
 * How to calibrate one quantization point: a method of {@link Observers#METHODS} and its parameters (each
 * method reads only its own; the others keep their defaults).
 *
 * @param method            one of {@link Observers#METHODS}
 * @param percentile        the upper quantile {@code q} of {@code percentile}, in {@code (0.5, 1]}
 * @param averagingConstant the new-batch weight of {@code moving-average}, in {@code (0, 1]}
 * @param gridSize          the number of candidate ranges of {@code mse}, at least 1
 */
public record CalibrationSpec(String method, double percentile, double averagingConstant, int gridSize) {
    public CalibrationSpec {
        Objects.requireNonNull(method, "method");
        CalibrationMethod.of(method); // rejects an unknown method, naming the valid ones
        if (!(percentile > 0.5 && percentile <= 1)) {
            throw new IllegalArgumentException("calibration percentile must be in (0.5, 1], got " + percentile);
        }
        if (!(averagingConstant > 0 && averagingConstant <= 1)) {
            throw new IllegalArgumentException("calibration averaging constant must be in (0, 1], got "
                    + averagingConstant);
        }
        if (gridSize < 1) {
            throw new IllegalArgumentException("calibration grid size must be at least 1, got " + gridSize);
        }
    }

    /** A method with the default parameters: q = 0.999, averaging constant 0.01, 100 grid points. */
    public static CalibrationSpec of(String method) {
        return new CalibrationSpec(method, PercentileObserver.DEFAULT_PERCENTILE,
                MovingAverageMinMaxObserver.DEFAULT_AVERAGING_CONSTANT, MseObserver.DEFAULT_GRID_SIZE);
    }
}
