package dev.ablate.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds inference-mode batch normalisation into the preceding affine layer, as
 * {@code torch.ao.quantization.fuse_modules} does with {@code fuse_conv_bn_eval} / {@code fuse_linear_bn_eval}
 * ({@code torch.nn.utils.fusion}, 1.13). For every {@link BatchNorm} that directly follows a {@link Linear} or
 * {@link Conv2d} with one output channel per BN channel, in float32:
 * <pre>
 *   s      = bn.weight * rsqrt(running_var + eps)          (per output channel)
 *   weight = weight * s                                     (each output row / filter scaled)
 *   bias   = (bias - running_mean) * rsqrt(running_var + eps) * bn.weight + bn.bias
 * </pre>
 * and the BatchNorm layer is dropped. A pruning mask on the weight is kept (scaling keeps zeros zero).
 * BatchNorm layers anywhere else are kept as they are.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /**
     * Returns a new network whose inference output equals {@code net}'s (up to float rounding) with every
     * foldable BatchNorm folded away; {@code net} is not modified. The folded network's layers are in
     * inference mode.
     */
    public static Network fold(Network net) {
        List<Layer> in = net.layers();
        List<Layer> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Layer l = in.get(i).copy();
            Layer next = i + 1 < in.size() ? in.get(i + 1) : null;
            if (next instanceof BatchNorm bn && foldable(l, bn)) {
                if (l instanceof Linear lin) {
                    foldInto(lin.weight(), lin.bias(), bn);
                } else {
                    Conv2d conv = (Conv2d) l;
                    foldInto(conv.weight(), conv.bias(), bn);
                }
                i++; // the BatchNorm is consumed
            }
            l.setTraining(false, 0);
            out.add(l);
        }
        return new Network(out);
    }

    private static boolean foldable(Layer l, BatchNorm bn) {
        if (l instanceof Linear lin) {
            return bn instanceof BatchNorm1d && bn.channels() == lin.outputSize();
        }
        if (l instanceof Conv2d conv) {
            return bn instanceof BatchNorm2d && bn.channels() == conv.outChannels();
        }
        return false;
    }

    private static void foldInto(Parameter weight, Parameter bias, BatchNorm bn) {
        int channels = bn.channels();
        float[] w = weight.data();
        float[] b = bias.data();
        float[] gamma = bn.weight().data();
        float[] beta = bn.bias().data();
        float[] mean = bn.runningMean();
        float[] var = bn.runningVar();
        int per = w.length / channels;
        float eps = (float) BatchNorm.EPS;
        for (int c = 0; c < channels; c++) {
            float rsqrt = (float) (1.0 / Math.sqrt(var[c] + eps));
            float s = gamma[c] * rsqrt;
            for (int k = c * per; k < (c + 1) * per; k++) {
                w[k] = w[k] * s;
            }
            b[c] = (b[c] - mean[c]) * rsqrt * gamma[c] + beta[c];
        }
        weight.applyMask();
    }
}
