package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.ActivationSites;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.data.Dataset;
import dev.ablate.data.Permutation;
import dev.ablate.nn.BatchNormFolding;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds quantization simulations of a trained float32 network, as torch.ao's eager-mode flow does:
 * <ol>
 *   <li>fold BatchNorm into the preceding weight layer ({@link BatchNormFolding}); the folded weights are what
 *       is quantized and deployed;</li>
 *   <li>fake-quantize every {@link Linear} and {@link Conv2d} weight ({@link WeightFakeQuant}), biases float32;</li>
 *   <li>calibrate an observer per {@link ActivationSites activation site} on training batches
 *       ({@link CalibrationData}), weights already fake-quantized, in inference mode;</li>
 *   <li>static post-training quantization: freeze the sites to the calibrated parameters
 *       ({@link #simulateStatic}); quantization-aware training: start moving-average or learned (LSQ)
 *       quantizers from them ({@link #prepareQat}) and convert after training ({@link QatNetwork#convert()}).</li>
 * </ol>
 * Activation quantizers are named {@code act0, act1, ...} in site order, which is the order of
 * {@link StaticQuantization#activationParams()} and of integer-only inference's requantization points.
 * BatchNorm is always folded before QAT; training with BatchNorm kept and its statistics frozen later is not
 * supported.
 */
public final class QuantSimulator {

    private QuantSimulator() {
    }

    /**
     * Static post-training quantization of weights and activations; {@code floatNet} is not modified.
     *
     * @throws IllegalArgumentException if the data does not fit the network or an observer's range does not
     *                                  match the spec
     */
    public static StaticQuantization simulateStatic(Network floatNet, TensorFormat weights, ActivationSpec activations,
                                                    CalibrationData calibration) {
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(calibration, "calibration");
        WeightQat w = new WeightQat.Format(weights);
        return build(floatNet, w, activations, calibration,
                (name, shape, qp) -> ActivationQuantizer.fixed(name, shape, qp, activations.scheme().range(
                        activations.bits()))).convert();
    }

    /** Weight-only post-training quantization: no activation quantizers, no calibration. */
    public static StaticQuantization simulateWeightsOnly(Network floatNet, TensorFormat weights) {
        return build(floatNet, new WeightQat.Format(weights), null, null, null).convert();
    }

    /**
     * Prepares quantization-aware training of weights and activations. The activation quantizers start from a
     * calibration with the weights fake-quantized: with moving-average min/max ranges, or, when
     * {@link ActivationSpec#learned()}, with learned scales and zero points (LSQ) initialised there.
     *
     * @throws IllegalArgumentException if the data does not fit the network or an observer's range does not
     *                                  match the spec
     */
    public static QatNetwork prepareQat(Network floatNet, WeightQat weights, ActivationSpec activations,
                                        CalibrationData calibration) {
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(calibration, "calibration");
        SiteQuantizerFactory factory = activations.learned()
                ? (name, shape, qp) -> ActivationQuantizer.learned(name, shape, activations.scheme(),
                        activations.bits(), qp)
                : (name, shape, qp) -> ActivationQuantizer.movingAverage(name, shape, activations.scheme(),
                        activations.bits(), qp);
        return build(floatNet, weights, activations, calibration, factory);
    }

    /** Prepares quantization-aware training of the weights only. */
    public static QatNetwork prepareQatWeightsOnly(Network floatNet, WeightQat weights) {
        return build(floatNet, weights, null, null, null);
    }

    /** Makes the quantizer of one site from its calibrated parameters. */
    private interface SiteQuantizerFactory {
        ActivationQuantizer make(String name, int[] shape, QParams calibrated);
    }

    /** Folds, wraps the weight layers and, when {@code activations} is given, calibrates and fills the sites. */
    private static QatNetwork build(Network floatNet, WeightQat weights, ActivationSpec activations,
                                    CalibrationData calibration, SiteQuantizerFactory factory) {
        Objects.requireNonNull(weights, "weights");
        List<Layer> folded = BatchNormFolding.fold(floatNet).layers();
        List<Layer> wrapped = new ArrayList<>(folded.size());
        for (Layer l : folded) {
            wrapped.add(l instanceof Linear || l instanceof Conv2d ? weights.wrap(l) : l.copy());
        }
        if (activations == null) {
            return new QatNetwork(new Network(wrapped));
        }
        int[] sites = ActivationSites.after(folded);
        List<ActivationQuantizer> observing = new ArrayList<>(sites.length);
        for (int k = 0; k < sites.length; k++) {
            observing.add(ActivationQuantizer.observing(siteName(k), siteShape(folded, sites[k]),
                    activations.observer(k)));
        }
        calibrate(new Network(withSites(wrapped, sites, observing)), calibration);
        List<ActivationQuantizer> quantizers = new ArrayList<>(sites.length);
        for (ActivationQuantizer o : observing) {
            quantizers.add(factory.make(o.name(), o.inputShape(), o.qParams()));
        }
        return new QatNetwork(new Network(withSites(wrapped, sites, quantizers)));
    }

    private static String siteName(int site) {
        return "act" + site;
    }

    private static int[] siteShape(List<Layer> layers, int after) {
        return after == ActivationSites.INPUT ? layers.get(0).inputShape() : layers.get(after).outputShape();
    }

    private static List<Layer> withSites(List<Layer> layers, int[] sites, List<ActivationQuantizer> quantizers) {
        List<Layer> out = new ArrayList<>(layers.size() + sites.length);
        int k = 0;
        if (k < sites.length && sites[k] == ActivationSites.INPUT) {
            out.add(quantizers.get(k++));
        }
        for (int i = 0; i < layers.size(); i++) {
            out.add(layers.get(i));
            if (k < sites.length && sites[k] == i) {
                out.add(quantizers.get(k++));
            }
        }
        return out;
    }

    /** Runs the calibration batches through {@code net} in inference mode. */
    private static void calibrate(Network net, CalibrationData calibration) {
        Dataset train = calibration.train();
        int d = net.inputSize();
        if (train.featureCount() != d) {
            throw new IllegalArgumentException("calibration data " + train.name() + " has " + train.featureCount()
                    + " features, the network takes " + d);
        }
        int n = train.size();
        int[] order = Permutation.of(n, calibration.seed());
        float[] features = train.features();
        float[] batch = new float[Math.min(calibration.batchSize(), n) * d];
        net.setTraining(false, 0);
        for (int b = 0, start = 0; b < calibration.batches() && start < n; b++, start += calibration.batchSize()) {
            int m = Math.min(calibration.batchSize(), n - start);
            for (int r = 0; r < m; r++) {
                System.arraycopy(features, order[start + r] * d, batch, r * d, d);
            }
            net.forward(batch, m);
        }
    }
}
