package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.LayerQuantStats;
import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Parameter;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Quantization-aware training of a {@link Linear} or {@link Conv2d}: wraps the layer and holds its float32
 * master weight as the trainable {@link Parameter}, with the layer's own name ({@code fc1.weight}) and pruning
 * mask. Every forward pass fake-quantizes the master weight into the wrapped layer, either with a
 * {@link TensorFormat} or with learned per-channel step sizes (LSQ, {@link LearnedStepQuantizer}, parameter
 * {@code <layer>.weight_scale} of shape {@code [out]}, symmetric schemes, gradient factor
 * {@code 1 / sqrt(weight.numel() * qmax)}); the backward pass hands the wrapped layer's weight gradient to the
 * master through the straight-through estimator (1 where the value was inside the representable range, 0 where
 * it was clipped; LSQ's own gradient for learned steps). The bias stays float32 and is the wrapped layer's.
 * Masked master weights are zero, and so are their quantized values and gradients, so pruned weights stay
 * pruned through training.
 *
 * <p>Stochastic rounding draws from a generator seeded from the training seed and the layer name, so QAT is
 * reproducible; {@link #convert()} uses a generator seeded from the name alone. Not thread-safe.
 */
public final class WeightFakeQuant implements Layer {

    private final Layer inner;
    private final Parameter innerWeight;
    private final Parameter master;
    private final TensorFormat format;
    private final LearnedStepQuantizer lsq;
    private final Parameter scales;
    private final float[] zeroPoints;
    private final int lsqBits;
    private final byte[] steMask;
    private SplittableRandom rng;

    private WeightFakeQuant(Layer inner, Parameter master, TensorFormat format, LearnedStepQuantizer lsq,
                            int lsqBits, Parameter scales) {
        this.inner = inner;
        this.innerWeight = weightOf(inner);
        this.master = master;
        this.format = format;
        this.lsq = lsq;
        this.lsqBits = lsqBits;
        this.scales = scales;
        this.zeroPoints = scales == null ? null : new float[scales.size()];
        this.steMask = new byte[master.size()];
        this.rng = nameSeeded(0);
    }

    /**
     * Wraps a copy of {@code layer}, fake-quantizing its weight with {@code format}.
     *
     * @throws IllegalArgumentException if the layer is neither a {@link Linear} nor a {@link Conv2d}
     */
    public static WeightFakeQuant withFormat(Layer layer, TensorFormat format) {
        Objects.requireNonNull(format, "format");
        Layer inner = layer.copy();
        return new WeightFakeQuant(inner, weightOf(inner).copy(), format, null, 0, null);
    }

    /**
     * Wraps a copy of {@code layer} with learned per-channel step sizes, initialised from the per-channel
     * min/max of its weight ({@link MinMaxObserver}).
     *
     * @throws IllegalArgumentException if the layer is neither a {@link Linear} nor a {@link Conv2d}, the scheme
     *                                  is not symmetric or the bit width does not suit it
     */
    public static WeightFakeQuant learned(Layer layer, QuantScheme scheme, int bits) {
        requireSymmetric(layer.name() + ": learned weight steps", scheme);
        Layer inner = layer.copy();
        Parameter master = weightOf(inner).copy();
        int channels = master.shape()[0];
        QParams init = MinMaxObserver.perChannel(scheme, bits, channels).observe(master.data()).calculateQParams();
        Parameter scales = new Parameter(layer.name() + ".weight_scale", new int[] {channels}, false);
        System.arraycopy(init.scales(), 0, scales.data(), 0, channels);
        return new WeightFakeQuant(inner, master, null, new LearnedStepQuantizer(scheme.range(bits)), bits, scales);
    }

    static void requireSymmetric(String what, QuantScheme scheme) {
        if (!scheme.symmetric()) {
            throw new IllegalArgumentException(what + " need a symmetric scheme, got " + scheme.specName());
        }
    }

    private static Parameter weightOf(Layer layer) {
        if (layer instanceof Linear lin) {
            return lin.weight();
        }
        if (layer instanceof Conv2d conv) {
            return conv.weight();
        }
        throw new IllegalArgumentException("only Linear and Conv2d weights are fake-quantized, got " + layer);
    }

    private SplittableRandom nameSeeded(long seed) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (inner.name().hashCode() + 1L)));
    }

    /** The float32 master weight ({@code <layer>.weight}). */
    public Parameter masterWeight() {
        return master;
    }

    /** The wrapped layer's name. */
    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public int outputSize() {
        return inner.outputSize();
    }

    @Override
    public int[] inputShape() {
        return inner.inputShape();
    }

    @Override
    public int[] outputShape() {
        return inner.outputShape();
    }

    @Override
    public long macs() {
        return inner.macs();
    }

    /** The master weight, the bias and, with learned steps, the per-channel scales. */
    @Override
    public List<Parameter> parameters() {
        Parameter bias = inner.parameters().get(1);
        return scales == null ? List.of(master, bias) : List.of(master, bias, scales);
    }

    @Override
    public void setTraining(boolean training, long seed) {
        inner.setTraining(training, seed);
        rng = nameSeeded(seed);
    }

    @Override
    public float[] forward(float[] x, int n) {
        quantizeInto(innerWeight, rng);
        return inner.forward(x, n);
    }

    /** Fake-quantizes the master weight into {@code target} (same shape), keeping masked entries zero. */
    private QuantizationReport quantizeInto(Parameter target, SplittableRandom random) {
        float[] out = target.data();
        QuantizationReport report;
        if (format != null) {
            report = format.quantize(master.data(), master.shape(), out, steMask, random);
        } else {
            float[] s = LearnedStepQuantizer.usableScales(scales.data());
            lsq.forward(master.data(), out.length, s, zeroPoints, out, steMask);
            long clipped = 0;
            for (byte m : steMask) {
                clipped += 1 - m;
            }
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : s) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            report = new QuantizationReport(lsqBits, 32L * s.length, clipped, lo, hi, lsq.forwardParams(s, zeroPoints));
        }
        float[] mask = master.mask();
        if (mask != null) {
            for (int i = 0; i < out.length; i++) {
                if (mask[i] == 0f) {
                    out[i] = 0f;
                }
            }
        }
        return report;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        float[] gradInput = inner.backward(gradOutput, n, needInputGrad);
        float[] g = innerWeight.grad();
        if (format != null) {
            StraightThrough.apply(g, steMask, g.length, master.grad());
        } else {
            lsq.backward(master.data(), g, g.length, LearnedStepQuantizer.usableScales(scales.data()), zeroPoints,
                    lsq.gradFactor(g.length), master.grad(), scales.grad(), null, null);
        }
        master.maskGradient();
        return gradInput;
    }

    /**
     * A layer as it is deployed after quantization.
     *
     * @param layer  a plain {@link Linear} or {@link Conv2d} holding the fake-quantized weight
     * @param report what the quantization did
     */
    public record Converted(Layer layer, LayerQuantStats report) {
    }

    /** The wrapped layer as it is deployed: a copy holding the fake-quantized master weight. */
    public Converted convert() {
        Layer deployed = inner.copy();
        Parameter w = weightOf(deployed);
        QuantizationReport report = quantizeInto(w, nameSeeded(0));
        String formatName = format != null ? format.name() : "int";
        return new Converted(deployed, new LayerQuantStats(inner.name(), master.name(), formatName, report, w.size(),
                w.nonzeroCount(), WeightQuantizer.sqnrDb(master.data(), w.data())));
    }

    @Override
    public WeightFakeQuant copy() {
        return new WeightFakeQuant(inner.copy(), master.copy(), format, lsq, lsqBits, scales == null ? null : scales.copy());
    }

    @Override
    public String toString() {
        return "WeightFakeQuant(" + inner + ", " + (format != null ? format.name() : "lsq " + lsq.range()) + ")";
    }
}
