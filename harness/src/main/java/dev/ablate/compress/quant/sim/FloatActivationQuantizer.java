package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.calibration.Observers;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.compress.quant.format.FloatScaling;
import dev.ablate.nn.Parameter;

import java.util.List;
import java.util.Objects;

/**
 * Per-tensor scaled float fake quantization of the activations at one site ({@link FloatScaling}, nearest-even,
 * saturating): the float counterpart of {@link ActivationQuantizer}, in one of three modes fixed when it is built:
 * <ul>
 *   <li>{@link Mode#OBSERVING} (calibration): identity; values feed an observer whose clipping magnitude
 *       ({@link Observers#clipMagnitudes}) sets the scale;</li>
 *   <li>{@link Mode#FIXED}: fake-quantizes with a fixed clipping magnitude; the backward pass is the
 *       straight-through estimator, blocked where a value saturated;</li>
 *   <li>{@link Mode#MOVING_AVERAGE} (QAT): in training mode each batch first moves a running magnitude towards
 *       its own largest magnitude, {@code m = m + c * (batch_amax - m)} in float32 with
 *       {@code c = }{@link ActivationQuantizer#AVERAGING_CONSTANT}, as the integer quantizer moves its range.</li>
 * </ul>
 * Not thread-safe, like every layer.
 */
public final class FloatActivationQuantizer extends SiteQuantizer {

    /** What the quantizer does with a batch. */
    public enum Mode {
        /** Calibration: identity, values fed to an observer. */
        OBSERVING,
        /** Fake quantization with a fixed scale. */
        FIXED,
        /** QAT with a moving-average clipping magnitude. */
        MOVING_AVERAGE
    }

    private final Mode mode;
    private final FloatFormat format;
    private float amax;

    private FloatActivationQuantizer(String name, int[] shape, Mode mode, FloatFormat format, Observer observer,
                                     float amax) {
        super(name, shape, observer);
        this.mode = mode;
        this.format = Objects.requireNonNull(format, "format");
        if (mode != Mode.OBSERVING && !(amax >= 0 && Float.isFinite(amax))) {
            throw new IllegalArgumentException(name + ": clipping magnitude must be finite and >= 0, got " + amax);
        }
        this.amax = amax;
    }

    /** A calibrating quantizer: identity that feeds every batch to {@code observer}. */
    public static FloatActivationQuantizer observing(String name, int[] shape, FloatFormat format,
                                                     Observer observer) {
        return new FloatActivationQuantizer(name, shape, Mode.OBSERVING, format,
                Objects.requireNonNull(observer, "observer"), Float.NaN);
    }

    /**
     * A quantizer with a fixed clipping magnitude.
     *
     * @throws IllegalArgumentException if {@code amax} is negative or not finite
     */
    public static FloatActivationQuantizer fixed(String name, int[] shape, FloatFormat format, float amax) {
        return new FloatActivationQuantizer(name, shape, Mode.FIXED, format, null, amax);
    }

    /** A QAT quantizer whose running magnitude starts at {@code initialAmax} (e.g. from calibration). */
    public static FloatActivationQuantizer movingAverage(String name, int[] shape, FloatFormat format,
                                                         float initialAmax) {
        return new FloatActivationQuantizer(name, shape, Mode.MOVING_AVERAGE, format, null, initialAmax);
    }

    /** The mode this quantizer was built in. */
    public Mode mode() {
        return mode;
    }

    /** The element format. */
    public FloatFormat format() {
        return format;
    }

    /**
     * The clipping magnitude inference uses now: the observer's choice, the fixed one or the running average.
     *
     * @throws IllegalStateException if an observing quantizer has not seen a batch
     */
    public float amax() {
        return mode == Mode.OBSERVING ? Observers.clipMagnitudes(observer())[0] : amax;
    }

    /** The float32 scale of {@link #amax()} ({@link FloatScaling#scale}). */
    public float scale() {
        return FloatScaling.scale(format, amax(), false);
    }

    @Override
    public FloatActivationQuantizer frozen() {
        return fixed(name(), inputShape(), format, amax());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    void quantize(float[] x, int length, boolean training, float[] out, byte[] steMask) {
        if (mode == Mode.MOVING_AVERAGE && training) {
            float batchAmax = 0;
            for (int i = 0; i < length; i++) {
                batchAmax = Math.max(batchAmax, Math.abs(x[i]));
            }
            amax = amax + ActivationQuantizer.AVERAGING_CONSTANT * (batchAmax - amax);
        }
        FloatScaling.fakeQuantize(format, scale(), Rounding.NEAREST_EVEN, x, 0, length, out, steMask, null);
    }

    /**
     * A deep copy with the same mode and magnitude.
     *
     * @throws IllegalStateException for an {@link Mode#OBSERVING} quantizer, whose observer cannot be copied
     */
    @Override
    public FloatActivationQuantizer copy() {
        if (mode == Mode.OBSERVING) {
            throw new IllegalStateException(name() + ": an observing quantizer cannot be copied (its observer is "
                    + "stateful); freeze it first");
        }
        return new FloatActivationQuantizer(name(), inputShape(), mode, format, null, amax);
    }

    @Override
    public String toString() {
        return "FloatActivationQuantizer(" + name() + ", " + mode + ", " + format.name()
                + (mode == Mode.OBSERVING ? "" : ", amax " + amax) + ")";
    }
}
