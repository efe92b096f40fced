package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.nn.Parameter;

import java.util.List;
import java.util.Objects;

/**
 * Per-tensor integer fake quantization of the activations at one site (see
 * {@link dev.ablate.compress.quant.ActivationSites}): a {@link SiteQuantizer} named {@code act0},
 * {@code act1}, ... in site order. It works in one of four {@link Mode}s, fixed when it is built:
 * <ul>
 *   <li>{@link Mode#OBSERVING} (calibration): passes values through unchanged and feeds them to an
 *       {@link Observer}; the gradient passes unchanged.</li>
 *   <li>{@link Mode#FIXED}: fake-quantizes with given {@link QParams} ({@link FakeQuantizer}); the backward pass
 *       is the straight-through estimator, {@code grad_input = grad_output * mask}.</li>
 *   <li>{@link Mode#MOVING_AVERAGE} (QAT as torch.ao's {@code FakeQuantize} with a
 *       {@code MovingAverageMinMaxObserver}): in training mode every batch first updates a running min/max,
 *       {@code m = m + c * (batch_m - m)} in float32 with {@code c = }{@link #AVERAGING_CONSTANT}, turns it into
 *       parameters as {@link MinMaxObserver} does and fake-quantizes with them; in inference mode it uses the
 *       last parameters. The backward pass is the straight-through estimator.</li>
 *   <li>{@link Mode#LEARNED} (LSQ): the scale, and for affine schemes the zero point, are trainable
 *       {@link Parameter}s {@code <name>.scale} and {@code <name>.zero_point} of shape {@code [1]}, quantized and
 *       differentiated by {@link LearnedStepQuantizer} with LSQ's gradient factor
 *       {@code 1 / sqrt(numel * qmax)}, {@code numel} being the batch's element count. The scale in use is
 *       {@code max(scale, }{@link MinMaxObserver#EPS}{@code )}, so an optimizer step cannot make it
 *       non-positive.</li>
 * </ul>
 * {@link #frozen()} turns any mode into the {@link Mode#FIXED} quantizer with the parameters it would use for
 * inference; that is the form simulated networks hold. Not thread-safe, like every layer.
 */
public final class ActivationQuantizer extends SiteQuantizer {

    /** What the quantizer does with a batch. */
    public enum Mode {
        /** Calibration: identity, values fed to an observer. */
        OBSERVING,
        /** Fake quantization with fixed parameters. */
        FIXED,
        /** QAT with a moving-average min/max updated per training batch. */
        MOVING_AVERAGE,
        /** QAT with a learned step size (and zero point). */
        LEARNED
    }

    /** torch.ao's default {@code averaging_constant} of {@code MovingAverageMinMaxObserver}. */
    public static final float AVERAGING_CONSTANT = 0.01f;

    private final Mode mode;
    private final IntRange range;
    private final QuantScheme scheme;
    private final int bits;
    private final LearnedStepQuantizer lsq;
    private final Parameter scale;
    private final Parameter zeroPoint;
    private QParams params;
    private float runningMin;
    private float runningMax;

    private final float[] fixedZeroPoint = {0f};

    private ActivationQuantizer(String name, int[] shape, Mode mode, IntRange range, Observer observer,
                                QuantScheme scheme, int bits, QParams params, Parameter scale, Parameter zeroPoint) {
        super(name, shape, observer);
        if (params != null && !params.perTensor()) {
            throw new IllegalArgumentException(name + ": activations are quantized per tensor, got " + params);
        }
        this.mode = mode;
        this.range = range;
        this.scheme = scheme;
        this.bits = bits;
        this.params = params;
        this.lsq = mode == Mode.LEARNED ? new LearnedStepQuantizer(range) : null;
        this.scale = scale;
        this.zeroPoint = zeroPoint;
        if (mode == Mode.MOVING_AVERAGE) {
            float sc = params.scales()[0];
            int zp = params.zeroPoints()[0];
            runningMin = (range.min() - zp) * sc;
            runningMax = (range.max() - zp) * sc;
        }
    }

    /**
     * A calibrating quantizer: identity that feeds every batch to {@code observer}.
     *
     * @param shape one example's shape at the site
     */
    public static ActivationQuantizer observing(String name, int[] shape, Observer observer) {
        Objects.requireNonNull(observer, "observer");
        return new ActivationQuantizer(name, shape, Mode.OBSERVING, observer.range(), observer, null, 0, null,
                null, null);
    }

    /**
     * A quantizer with fixed per-tensor parameters.
     *
     * @throws IllegalArgumentException if the parameters are per channel or the zero point is outside the range
     */
    public static ActivationQuantizer fixed(String name, int[] shape, QParams params, IntRange range) {
        checkZeroPoint(name, params, range);
        return new ActivationQuantizer(name, shape, Mode.FIXED, range, null, null, 0, params, null, null);
    }

    /**
     * A QAT quantizer with a moving-average min/max, starting from the range {@code initial} covers
     * ({@code [(qmin - zp) * scale, (qmax - zp) * scale]}, e.g. from calibration).
     */
    public static ActivationQuantizer movingAverage(String name, int[] shape, QuantScheme scheme, int bits,
                                                    QParams initial) {
        IntRange range = scheme.range(bits);
        checkZeroPoint(name, initial, range);
        return new ActivationQuantizer(name, shape, Mode.MOVING_AVERAGE, range, null, scheme, bits, initial, null,
                null);
    }

    /**
     * An LSQ quantizer whose learnable scale and zero point start at {@code initial} (e.g. from calibration); for
     * symmetric schemes the zero point stays 0 and is not a parameter.
     */
    public static ActivationQuantizer learned(String name, int[] shape, QuantScheme scheme, int bits,
                                              QParams initial) {
        IntRange range = scheme.range(bits);
        checkZeroPoint(name, initial, range);
        Parameter s = new Parameter(name + ".scale", new int[] {1}, false);
        s.data()[0] = initial.scales()[0];
        Parameter z = null;
        if (!scheme.symmetric()) {
            z = new Parameter(name + ".zero_point", new int[] {1}, false);
            z.data()[0] = initial.zeroPoints()[0];
        }
        return new ActivationQuantizer(name, shape, Mode.LEARNED, range, null, scheme, bits, null, s, z);
    }

    private static void checkZeroPoint(String name, QParams params, IntRange range) {
        if (!range.contains(params.zeroPoints()[0])) {
            throw new IllegalArgumentException(name + ": zero point " + params.zeroPoints()[0] + " outside " + range);
        }
    }

    /** The mode this quantizer was built in. */
    public Mode mode() {
        return mode;
    }

    /** The integer codes. */
    public IntRange range() {
        return range;
    }

    /**
     * The parameters inference uses now: the observer's for {@link Mode#OBSERVING}, the fixed or last
     * moving-average ones, or the learned scale with the forward zero point {@code clamp(rint(zero_point))}.
     *
     * @throws IllegalStateException if an observing quantizer has not seen a batch
     */
    public QParams qParams() {
        return switch (mode) {
            case OBSERVING -> observer().calculateQParams();
            case FIXED, MOVING_AVERAGE -> params;
            case LEARNED -> lsq.forwardParams(learnedScale(), learnedZeroPoint());
        };
    }

    /** A {@link Mode#FIXED} quantizer with {@link #qParams()}, same name and shape. */
    @Override
    public ActivationQuantizer frozen() {
        return fixed(name(), inputShape(), qParams(), range);
    }

    private float[] learnedScale() {
        return LearnedStepQuantizer.usableScales(scale.data());
    }

    private float[] learnedZeroPoint() {
        return zeroPoint == null ? fixedZeroPoint : zeroPoint.data();
    }

    @Override
    public List<Parameter> parameters() {
        if (mode != Mode.LEARNED) {
            return List.of();
        }
        return zeroPoint == null ? List.of(scale) : List.of(scale, zeroPoint);
    }

    @Override
    void quantize(float[] x, int length, boolean training, float[] out, byte[] steMask) {
        if (mode == Mode.LEARNED) {
            lsq.forward(x, length, learnedScale(), learnedZeroPoint(), out, null);
            return;
        }
        if (mode == Mode.MOVING_AVERAGE && training) {
            updateRange(x, length);
        }
        FakeQuantizer.fakeQuantize(x, length, params, range, out, steMask);
    }

    private void updateRange(float[] x, int length) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        runningMin = runningMin + AVERAGING_CONSTANT * (lo - runningMin);
        runningMax = runningMax + AVERAGING_CONSTANT * (hi - runningMax);
        params = MinMaxObserver.perTensor(scheme, bits).observe(new float[] {runningMin, runningMax})
                .calculateQParams();
    }

    /** LSQ's gradients for {@link Mode#LEARNED}, else the straight-through estimator. */
    @Override
    void backward(float[] input, float[] gradOutput, int length, byte[] steMask, float[] gradInput) {
        if (mode != Mode.LEARNED) {
            super.backward(input, gradOutput, length, steMask, gradInput);
            return;
        }
        float[] gradZeroPoint = zeroPoint == null ? null : zeroPoint.grad();
        lsq.backward(input, gradOutput, length, learnedScale(), learnedZeroPoint(), lsq.gradFactor(length),
                gradInput, scale.grad(), gradZeroPoint, null);
    }

    /**
     * A deep copy with the same mode and state (learned parameters and running range copied).
     *
     * @throws IllegalStateException for an {@link Mode#OBSERVING} quantizer, whose observer cannot be copied
     */
    @Override
    public ActivationQuantizer copy() {
        if (mode == Mode.OBSERVING) {
            throw new IllegalStateException(name() + ": an observing quantizer cannot be copied (its observer is "
                    + "stateful); freeze it first");
        }
        ActivationQuantizer c = new ActivationQuantizer(name(), inputShape(), mode, range, null, scheme, bits, params,
                scale == null ? null : scale.copy(), zeroPoint == null ? null : zeroPoint.copy());
        c.runningMin = runningMin;
        c.runningMax = runningMax;
        return c;
    }

    @Override
    public String toString() {
        return "ActivationQuantizer(" + name() + ", " + mode + ", " + range + (params == null ? "" : ", " + params) + ")";
    }
}
