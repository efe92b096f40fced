package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.ActivationSites;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.LayerQuantStats;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantizedNetwork;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.data.Dataset;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds quantization simulations of a trained float32 network, as torch.ao's eager-mode flow does, on a network
 * whose BatchNorm the caller has folded or deliberately kept ({@link dev.ablate.nn.BatchNormFolding}):
 * <ol>
 *   <li>weights: static post-training quantization takes a weight-quantized network
 *       ({@link dev.ablate.compress.quant.WeightQuantizer}, possibly bias-corrected); quantization-aware training
 *       wraps every {@link Linear} and {@link Conv2d} in a {@link WeightFakeQuant} ({@link WeightQat});</li>
 *   <li>activations: an observer per {@link ActivationSites activation site} is calibrated on training batches
 *       ({@link CalibrationData}), weights already fake-quantized, in inference mode;</li>
 *   <li>static quantization freezes the sites to the calibrated parameters ({@link #simulateStatic}); QAT starts
 *       moving-average or learned (LSQ) quantizers from them ({@link #prepareQat}) and converts after training
 *       ({@link QatNetwork#convert()}).</li>
 * </ol>
 * Sites are integer ({@link ActivationSpec}) or scaled float ({@link FloatActivationSpec}) alike. Activation
 * quantizers are named {@code act0, act1, ...} in site order, which is the order of
 * {@link StaticQuantization#activationParams()} and of integer-only inference's requantization points.
 */
public final class QuantSimulator {

    private QuantSimulator() {
    }

    /**
     * Static post-training quantization of the activations of a weight-quantized network; {@code weights} is
     * not modified.
     *
     * @throws IllegalArgumentException if the data does not fit the network or an observer's range does not
     *                                  match the spec
     */
    public static StaticQuantization simulateStatic(QuantizedNetwork weights, ActivationQuantization activations,
                                                    CalibrationData calibration) {
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(calibration, "calibration");
        List<Layer> layers = weights.network().layers().stream().map(Layer::copy).toList();
        int[] sites = ActivationSites.after(layers);
        List<SiteQuantizer> fixed = observe(layers, sites, activations, calibration).stream()
                .map(SiteQuantizer::frozen).toList();
        Network simulated = new Network(withSites(layers, sites, fixed));
        simulated.setTraining(false, 0);
        Map<String, QParams> weightParams = new LinkedHashMap<>();
        for (LayerQuantStats l : weights.layers()) {
            if (l.report().intParams() != null) {
                weightParams.put(l.layer(), l.report().intParams());
            }
        }
        return new StaticQuantization(simulated, intParams(fixed), weightParams, weights.layers());
    }

    /**
     * {@code plain} with fixed integer activation quantizers inserted at its {@link ActivationSites}, e.g. to
     * rebuild a stored {@link StaticQuantization#simulated()} from {@link StaticQuantization#plain()}.
     *
     * @param params one per site, in site order
     * @param range  the activations' code range
     * @throws IllegalArgumentException if the number of parameter sets is not the number of sites
     */
    public static Network withFixedActivations(Network plain, List<QParams> params, IntRange range) {
        return withFixedSites(plain, params.size(),
                (k, name, shape) -> ActivationQuantizer.fixed(name, shape, params.get(k), range));
    }

    /**
     * {@code plain} with fixed scaled float activation quantizers inserted at its {@link ActivationSites}.
     *
     * @param amax the clipping magnitude of each site, in site order
     * @throws IllegalArgumentException if the number of magnitudes is not the number of sites
     */
    public static Network withFixedFloatActivations(Network plain, FloatFormat format, float[] amax) {
        return withFixedSites(plain, amax.length,
                (k, name, shape) -> FloatActivationQuantizer.fixed(name, shape, format, amax[k]));
    }

    /** Builds the fixed quantizer of site {@code k}. */
    @FunctionalInterface
    private interface FixedSite {
        SiteQuantizer build(int k, String name, int[] shape);
    }

    private static Network withFixedSites(Network plain, int count, FixedSite site) {
        List<Layer> layers = plain.layers().stream().map(Layer::copy).toList();
        int[] sites = ActivationSites.after(layers);
        if (sites.length != count) {
            throw new IllegalArgumentException("the network has " + sites.length + " activation sites, got "
                    + count + " parameter sets");
        }
        List<SiteQuantizer> fixed = new ArrayList<>(sites.length);
        for (int k = 0; k < sites.length; k++) {
            fixed.add(site.build(k, siteName(k), siteShape(layers, sites[k])));
        }
        Network net = new Network(withSites(layers, sites, fixed));
        net.setTraining(false, 0);
        return net;
    }

    /** The integer parameters of the integer quantizers among {@code sites}, in order. */
    static List<QParams> intParams(List<? extends Layer> sites) {
        return sites.stream().filter(l -> l instanceof ActivationQuantizer)
                .map(l -> ((ActivationQuantizer) l).qParams()).toList();
    }

    /**
     * Prepares quantization-aware training of the weights and, unless {@code activations} is {@code null}, the
     * activations, which start from a calibration with the weights fake-quantized: integer sites with
     * moving-average min/max ranges, or, when {@link ActivationSpec#learned()}, with learned scales and zero
     * points (LSQ) initialised there; float sites with a moving-average clipping magnitude.
     *
     * @param calibration the calibration batches; unused (may be {@code null}) without activations
     * @throws IllegalArgumentException if the data does not fit the network or an observer's range does not
     *                                  match the spec
     */
    public static QatNetwork prepareQat(Network floatNet, WeightQat weights, ActivationQuantization activations,
                                        CalibrationData calibration) {
        Objects.requireNonNull(weights, "weights");
        List<Layer> wrapped = new ArrayList<>();
        for (Layer l : floatNet.layers()) {
            wrapped.add(l instanceof Linear || l instanceof Conv2d ? weights.wrap(l) : l.copy());
        }
        if (activations == null) {
            return new QatNetwork(new Network(wrapped));
        }
        Objects.requireNonNull(calibration, "calibration");
        int[] sites = ActivationSites.after(floatNet.layers());
        List<SiteQuantizer> quantizers = observe(wrapped, sites, activations, calibration).stream()
                .map(activations::trainable).toList();
        return new QatNetwork(new Network(withSites(wrapped, sites, quantizers)));
    }

    /** Calibrates one observing quantizer per site on {@code layers} (which it runs but does not change). */
    private static List<SiteQuantizer> observe(List<Layer> layers, int[] sites, ActivationQuantization activations,
                                               CalibrationData calibration) {
        List<SiteQuantizer> observing = new ArrayList<>(sites.length);
        for (int k = 0; k < sites.length; k++) {
            observing.add(activations.observing(siteName(k), siteShape(layers, sites[k]), k));
        }
        calibrate(new Network(withSites(layers, sites, observing)), calibration);
        return observing;
    }

    private static String siteName(int site) {
        return "act" + site;
    }

    private static int[] siteShape(List<Layer> layers, int after) {
        return after == ActivationSites.INPUT ? layers.get(0).inputShape() : layers.get(after).outputShape();
    }

    private static List<Layer> withSites(List<Layer> layers, int[] sites, List<? extends SiteQuantizer> quantizers) {
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
        Dataset examples = calibration.toDataset();
        int d = net.inputSize();
        if (examples.featureCount() != d) {
            throw new IllegalArgumentException("calibration data " + examples.name() + " has "
                    + examples.featureCount() + " features, the network takes " + d);
        }
        net.setTraining(false, 0);
        float[] batch = new float[Math.min(calibration.batchSize(), examples.size()) * d];
        for (int start = 0; start < examples.size(); start += calibration.batchSize()) {
            int m = Math.min(calibration.batchSize(), examples.size() - start);
            System.arraycopy(examples.features(), start * d, batch, 0, m * d);
            net.forward(batch, m);
        }
    }
}
