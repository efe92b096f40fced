package dev.ablate.compress.quant.ptq;

import dev.ablate.data.Dataset;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.Arrays;
import java.util.List;

/**
 * Empirical bias correction (Nagel et al. 2019, "Data-Free Quantization Through Weight Equalization and Bias
 * Correction", §4.2; Banner et al. 2019; AIMET's {@code correct_bias}). Rounding a layer's weights shifts the mean
 * of its output by {@code (W - W_q) E[x]}, and the shift survives into the next layers. For each weight layer in
 * order, this class runs the float layer and the quantized layer on the <em>same</em> inputs — the quantized
 * network's own activations, with the earlier layers already corrected, so corrections compound — and adds the
 * mean output difference per output channel (over examples, and over positions for a convolution) to the
 * quantized layer's bias:
 * <pre>
 *   bias_q[c] += mean( y_float[c] - y_q[c] )      = ((W - W_q) E[x])[c]
 * </pre>
 * Taking the mean of the two layers' outputs instead of multiplying by {@code E[x]} handles a convolution's zero
 * padding exactly. Afterwards every weight layer's mean output error on the calibration data is zero up to float
 * rounding, and exact weights get no correction at all.
 *
 * <p>Calibration data must come from the training split (never the test split); a few hundred examples suffice.
 */
public final class BiasCorrection {

    /** Examples per forward call: the same chunking as {@link Network#logits}. */
    private static final int CHUNK = 256;

    private BiasCorrection() {
    }

    /**
     * Returns a copy of {@code quantized} with corrected biases; neither network is changed.
     *
     * @param floatNet    the float network {@code quantized} was quantized from (after any folding or equalization)
     * @param quantized   the same architecture with quantized weights
     * @param calibration training examples whose inputs estimate the expectations
     * @throws IllegalArgumentException if the two networks differ in layers or parameter shapes, or the
     *                                  calibration data is empty or does not fit the network
     */
    public static Network correct(Network floatNet, Network quantized, Dataset calibration) {
        checkSameArchitecture(floatNet, quantized);
        int n = calibration.size();
        if (n == 0 || calibration.featureCount() != floatNet.inputSize()) {
            throw new IllegalArgumentException("calibration '" + calibration.name() + "' has " + n + " examples of "
                    + calibration.featureCount() + " features; need at least one example of " + floatNet.inputSize());
        }
        Network reference = floatNet.copy();
        Network corrected = quantized.copy();
        reference.setTraining(false, 0);
        corrected.setTraining(false, 0);
        List<WeightLayer> floatLayers = WeightLayer.of(reference);
        List<WeightLayer> quantLayers = WeightLayer.of(corrected);
        float[] x = calibration.features();
        int next = 0;
        for (int i = 0; i < corrected.layers().size(); i++) {
            Layer layer = corrected.layers().get(i);
            if (next < quantLayers.size() && quantLayers.get(next).index() == i) {
                double[] shift = meanOutputDifference(floatLayers.get(next).layer(), layer, x, n);
                float[] bias = quantLayers.get(next).bias().data();
                for (int c = 0; c < bias.length; c++) {
                    bias[c] = (float) (bias[c] + shift[c]);
                }
                next++;
            }
            x = forward(layer, x, n);
        }
        return corrected;
    }

    /**
     * The mean of {@code a(x) - b(x)} per output channel over the {@code n} examples of {@code x} (and over the
     * positions of a channel), for two layers with the same output shape whose first output dimension is the
     * channel.
     */
    static double[] meanOutputDifference(Layer a, Layer b, float[] x, int n) {
        float[] ya = forward(a, x, n);
        float[] yb = forward(b, x, n);
        int channels = a.outputShape()[0];
        int perChannel = a.outputSize() / channels;
        double[] sum = new double[channels];
        for (int e = 0; e < n; e++) {
            for (int c = 0; c < channels; c++) {
                for (int j = (e * channels + c) * perChannel, end = j + perChannel; j < end; j++) {
                    sum[c] += (double) ya[j] - yb[j];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            sum[c] /= (double) n * perChannel;
        }
        return sum;
    }

    /** The layer's inference output for all {@code n} examples of {@code x}, in a new array. */
    private static float[] forward(Layer layer, float[] x, int n) {
        int in = layer.inputSize();
        int out = layer.outputSize();
        float[] result = new float[n * out];
        for (int start = 0; start < n; start += CHUNK) {
            int m = Math.min(CHUNK, n - start);
            float[] chunk = Arrays.copyOfRange(x, start * in, (start + m) * in);
            System.arraycopy(layer.forward(chunk, m), 0, result, start * out, m * out);
        }
        return result;
    }

    private static void checkSameArchitecture(Network a, Network b) {
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        boolean same = a.layers().size() == b.layers().size() && pa.size() == pb.size();
        for (int i = 0; same && i < pa.size(); i++) {
            same = pa.get(i).name().equals(pb.get(i).name()) && Arrays.equals(pa.get(i).shape(), pb.get(i).shape());
        }
        if (!same) {
            throw new IllegalArgumentException("the float and quantized networks differ in architecture: "
                    + a.layerCosts() + " vs " + b.layerCosts());
        }
    }
}
