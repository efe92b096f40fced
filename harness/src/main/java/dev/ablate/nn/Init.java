package dev.ablate.nn;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Weight initialisers with PyTorch's definitions ({@code torch.nn.init}, 1.13), drawing from a caller's
 * {@link SplittableRandom} in row-major order, so the same generator state gives the same tensor.
 *
 * <p>Fans follow {@code _calculate_fan_in_and_fan_out}: for a weight of shape {@code [out, in, k...]} the
 * receptive field is the product of the trailing dimensions, {@code fan_in = in * receptive} and
 * {@code fan_out = out * receptive} (a conv weight {@code [out, in, kh, kw]} has
 * {@code fan_in = in*kh*kw}). Bounds and standard deviations:
 * <ul>
 *   <li>kaiming: {@code std = gain / sqrt(fan)}, uniform bound {@code sqrt(3) * std};</li>
 *   <li>xavier: {@code std = gain * sqrt(2 / (fan_in + fan_out))}, uniform bound {@code sqrt(3) * std}.</li>
 * </ul>
 * Uniform draws are {@code (float) ((2u - 1) * bound)} with {@code u = rng.nextDouble()}; normal draws are
 * {@code (float) (std * rng.nextGaussian())}. Masks set on a parameter are re-applied after filling.
 */
public final class Init {

    /** Which fan scales a kaiming initialiser: {@code fan_in} keeps forward variance, {@code fan_out} backward. */
    public enum Mode {
        FAN_IN, FAN_OUT
    }

    /** Nonlinearities with a recommended gain ({@code torch.nn.init.calculate_gain}). */
    public enum Nonlinearity {
        /** Gain 1 (also PyTorch's value for conv and sigmoid-free identity layers). */
        LINEAR,
        /** Gain 1. */
        SIGMOID,
        /** Gain 5/3. */
        TANH,
        /** Gain sqrt(2). */
        RELU,
        /** Gain sqrt(2 / (1 + a^2)) with negative slope {@code a}. */
        LEAKY_RELU
    }

    private Init() {
    }

    /**
     * {@code calculate_gain(nonlinearity, param)}; {@code param} is the leaky-ReLU negative slope and is
     * ignored by the others.
     */
    public static double gain(Nonlinearity nonlinearity, double param) {
        return switch (Objects.requireNonNull(nonlinearity, "nonlinearity")) {
            case LINEAR, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
        };
    }

    /**
     * {@code fan_in} of a weight shape.
     *
     * @throws IllegalArgumentException for fewer than 2 dimensions (PyTorch refuses those too)
     */
    public static int fanIn(int[] shape) {
        int r = receptiveField(shape); // checks the rank before indexing
        return shape[1] * r;
    }

    /** {@code fan_out} of a weight shape; same rule as {@link #fanIn}. */
    public static int fanOut(int[] shape) {
        int r = receptiveField(shape);
        return shape[0] * r;
    }

    private static int receptiveField(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("fan in and fan out need a tensor with at least 2 dimensions, got "
                    + Arrays.toString(shape));
        }
        int r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    /** Standard deviation of {@code kaiming_normal_(a, mode, nonlinearity)} for this shape. */
    public static double kaimingStd(int[] shape, double a, Mode mode, Nonlinearity nonlinearity) {
        int fan = mode == Mode.FAN_IN ? fanIn(shape) : fanOut(shape);
        return gain(nonlinearity, a) / Math.sqrt(fan);
    }

    /** Bound {@code b} of {@code kaiming_uniform_(a, mode, nonlinearity)}: values are drawn from U(-b, b). */
    public static double kaimingUniformBound(int[] shape, double a, Mode mode, Nonlinearity nonlinearity) {
        return Math.sqrt(3.0) * kaimingStd(shape, a, mode, nonlinearity);
    }

    /** Standard deviation of {@code xavier_normal_(gain)} for this shape. */
    public static double xavierStd(int[] shape, double gain) {
        return gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape)));
    }

    /** Bound {@code b} of {@code xavier_uniform_(gain)}: values are drawn from U(-b, b). */
    public static double xavierUniformBound(int[] shape, double gain) {
        return Math.sqrt(3.0) * xavierStd(shape, gain);
    }

    /** {@code kaiming_uniform_(p, a, mode, nonlinearity)}. */
    public static void kaimingUniform(Parameter p, double a, Mode mode, Nonlinearity nonlinearity, SplittableRandom rng) {
        uniform(p, kaimingUniformBound(p.shape(), a, mode, nonlinearity), rng);
    }

    /** {@code kaiming_normal_(p, a, mode, nonlinearity)}. */
    public static void kaimingNormal(Parameter p, double a, Mode mode, Nonlinearity nonlinearity, SplittableRandom rng) {
        normal(p, kaimingStd(p.shape(), a, mode, nonlinearity), rng);
    }

    /** {@code xavier_uniform_(p, gain)}. */
    public static void xavierUniform(Parameter p, double gain, SplittableRandom rng) {
        uniform(p, xavierUniformBound(p.shape(), gain), rng);
    }

    /** {@code xavier_normal_(p, gain)}. */
    public static void xavierNormal(Parameter p, double gain, SplittableRandom rng) {
        normal(p, xavierStd(p.shape(), gain), rng);
    }

    /**
     * Fills {@code p} from U(-bound, bound), row-major; a mask is re-applied.
     *
     * @throws IllegalArgumentException if bound is negative or not finite
     */
    public static void uniform(Parameter p, double bound, SplittableRandom rng) {
        if (!(bound >= 0 && bound < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(p.name() + ": uniform bound must be finite and >= 0, got " + bound);
        }
        float[] a = p.data();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        p.applyMask();
    }

    /**
     * Fills {@code p} from N(0, std^2), row-major; a mask is re-applied.
     *
     * @throws IllegalArgumentException if std is negative or not finite
     */
    public static void normal(Parameter p, double std, SplittableRandom rng) {
        if (!(std >= 0 && std < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(p.name() + ": std must be finite and >= 0, got " + std);
        }
        float[] a = p.data();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (std * rng.nextGaussian());
        }
        p.applyMask();
    }

    /**
     * PyTorch's default {@code reset_parameters} of {@code nn.Linear} and {@code nn.Conv2d}: the weight from
     * {@code kaiming_uniform_(a=sqrt(5))}, which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)) since
     * {@code sqrt(3) * sqrt(2/(1+5)) = 1}, then the bias from the same interval; weight before bias.
     * The bound is computed as {@code 1/sqrt(fan_in)} directly, not via the gain, so it is exact.
     */
    static void pytorchDefault(Parameter weight, Parameter bias, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(fanIn(weight.shape()));
        uniform(weight, bound, rng);
        uniform(bias, bound, rng);
    }
}
