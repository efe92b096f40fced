package dev.ablate.compress.quant.ptq;

import dev.ablate.nn.BatchNorm;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Dropout;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Pool2d;
import dev.ablate.nn.ReLU;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-layer equalization (Nagel et al. 2019, "Data-Free Quantization Through Weight Equalization and Bias
 * Correction", §4.1; AIMET's {@code equalize_model}). For layers {@code W1 -> f -> W2} with {@code f} positively
 * homogeneous ({@code f(x / s) = f(x) / s} for {@code s > 0}: {@link ReLU}, max and average pooling,
 * {@link Flatten}, {@link Dropout} at inference), scaling output channel {@code i} of the first layer by
 * {@code 1 / s_i} and the matching input channel of the second by {@code s_i} leaves the network's function
 * unchanged. Choosing
 * <pre>
 *   s_i = (1 / r2_i) * sqrt(r1_i * r2_i),   r1_i = max |W1[i, :]|,   r2_i = max |W2[:, i]|
 * </pre>
 * makes both ranges {@code sqrt(r1_i * r2_i)}, so a per-tensor grid no longer wastes its levels on a few wide
 * channels. A layer in the middle of a chain belongs to two pairs, so the pairs are equalized in order, sweep
 * after sweep, until no scale differs from 1 by more than the tolerance. Channels whose range is 0 in either
 * layer are left alone.
 *
 * <p>Pairs are found by {@link #pairs}: consecutive {@link Linear}/{@link Conv2d} layers with only the layers above
 * between them, Linear→Linear, Conv→Conv and Conv→(pooling, Flatten)→Linear (NCHW flattening puts each channel's
 * features in one contiguous block). A Linear followed by a Conv2d, or any other layer in between (e.g. Tanh),
 * ends a chain. BatchNorm must be folded first ({@link dev.ablate.nn.BatchNormFolding#fold}).
 */
public final class CrossLayerEqualization {

    /** Default tolerance on {@code |s_i - 1|} that ends the sweeps. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    /** Default cap on the number of sweeps over the chain. */
    public static final int DEFAULT_MAX_SWEEPS = 100;

    private CrossLayerEqualization() {
    }

    /** {@link #equalize(Network, double, int)} with {@link #DEFAULT_TOLERANCE} and {@link #DEFAULT_MAX_SWEEPS}. */
    public static Network equalize(Network net) {
        return equalize(net, DEFAULT_TOLERANCE, DEFAULT_MAX_SWEEPS);
    }

    /**
     * Returns an equalized copy of {@code net}, whose inference output equals {@code net}'s up to float
     * rounding; {@code net} is unchanged and masks are kept (scaling keeps zeros zero).
     *
     * @param tolerance the sweeps stop once every scale of a sweep is within {@code tolerance} of 1
     * @param maxSweeps the sweeps stop after this many in any case
     * @throws IllegalArgumentException if the tolerance is not positive, {@code maxSweeps} is below 1, or a
     *                                  BatchNorm sits between two weight layers (fold it first)
     */
    public static Network equalize(Network net, double tolerance, int maxSweeps) {
        if (!(tolerance > 0) || maxSweeps < 1) {
            throw new IllegalArgumentException("tolerance=" + tolerance + " must be positive and maxSweeps="
                    + maxSweeps + " at least 1");
        }
        Network copy = net.copy();
        List<EqualizationPair> pairs = pairs(copy);
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            double worst = 0;
            for (EqualizationPair pair : pairs) {
                worst = Math.max(worst, equalizePair(copy, pair));
            }
            if (worst <= tolerance) {
                break;
            }
        }
        return copy;
    }

    /**
     * The pairs of {@code net} that equalization rescales, input to output.
     *
     * @throws IllegalArgumentException if a BatchNorm sits between two weight layers
     */
    public static List<EqualizationPair> pairs(Network net) {
        List<WeightLayer> weights = WeightLayer.of(net);
        List<EqualizationPair> pairs = new ArrayList<>();
        for (int k = 0; k + 1 < weights.size(); k++) {
            WeightLayer a = weights.get(k);
            WeightLayer b = weights.get(k + 1);
            if (connectedHomogeneously(net.layers().subList(a.index() + 1, b.index()), a, b)
                    && !(a.layer() instanceof Linear && b.layer() instanceof Conv2d)) {
                int channels = a.outChannels();
                int inColumns = b.columns();
                boolean channelsMatch = b.layer() instanceof Conv2d conv
                        ? conv.inChannels() == channels
                        : inColumns % channels == 0 && (a.layer() instanceof Conv2d || inColumns == channels);
                if (!channelsMatch) {
                    throw new IllegalStateException(a.name() + " has " + channels + " output channels but "
                            + b.name() + " has " + inColumns + " input columns per row");
                }
                pairs.add(new EqualizationPair(a.name(), b.name(), channels, inColumns / channels));
            }
        }
        return List.copyOf(pairs);
    }

    /** The current per-channel ranges of a pair of {@code net}. */
    public static ChannelRanges ranges(Network net, EqualizationPair pair) {
        float[] w1 = layer(net, pair.first()).weight().data();
        float[] w2 = layer(net, pair.second()).weight().data();
        int c = pair.channels();
        int cols1 = w1.length / c;
        int cols2 = c * pair.block();
        float[] r1 = new float[c];
        float[] r2 = new float[c];
        for (int i = 0; i < c; i++) {
            for (int j = i * cols1; j < (i + 1) * cols1; j++) {
                r1[i] = Math.max(r1[i], Math.abs(w1[j]));
            }
        }
        for (int row = 0; row < w2.length; row += cols2) {
            for (int j = 0; j < cols2; j++) {
                int i = j / pair.block();
                r2[i] = Math.max(r2[i], Math.abs(w2[row + j]));
            }
        }
        return new ChannelRanges(r1, r2);
    }

    private static boolean connectedHomogeneously(List<Layer> between, WeightLayer a, WeightLayer b) {
        for (Layer l : between) {
            if (l instanceof BatchNorm) {
                throw new IllegalArgumentException("BatchNorm " + l.name() + " sits between " + a.name() + " and "
                        + b.name() + ": fold it first (BatchNormFolding.fold) before cross-layer equalization");
            }
            if (!(l instanceof ReLU || l instanceof Pool2d || l instanceof Flatten || l instanceof Dropout)) {
                return false;
            }
        }
        return true;
    }

    /** Equalizes one pair in place; returns the largest {@code |s_i - 1|}. */
    private static double equalizePair(Network net, EqualizationPair pair) {
        ChannelRanges ranges = ranges(net, pair);
        float[] r1 = ranges.first();
        float[] r2 = ranges.second();
        WeightLayer first = layer(net, pair.first());
        float[] w1 = first.weight().data();
        float[] b1 = first.bias().data();
        float[] w2 = layer(net, pair.second()).weight().data();
        int c = pair.channels();
        int cols1 = w1.length / c;
        int cols2 = c * pair.block();
        double worst = 0;
        for (int i = 0; i < c; i++) {
            if (r1[i] == 0f || r2[i] == 0f) {
                continue;
            }
            double s = Math.sqrt((double) r1[i] * r2[i]) / r2[i];
            worst = Math.max(worst, Math.abs(s - 1));
            for (int j = i * cols1; j < (i + 1) * cols1; j++) {
                w1[j] = (float) (w1[j] / s);
            }
            b1[i] = (float) (b1[i] / s);
            for (int row = 0; row < w2.length; row += cols2) {
                for (int j = row + i * pair.block(), end = j + pair.block(); j < end; j++) {
                    w2[j] = (float) (w2[j] * s);
                }
            }
        }
        return worst;
    }

    private static WeightLayer layer(Network net, String name) {
        for (WeightLayer w : WeightLayer.of(net)) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no Linear or Conv2d layer '" + name + "' in " + net);
    }
}
