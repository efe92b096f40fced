package dev.ablate.compress.quant.integer;

import dev.ablate.compress.quant.ActivationSites;
import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-training static int8 quantization of a folded network, ready for {@link IntegerNetwork#convert}: weights
 * fake-quantized per output channel on the signed symmetric int8 grid ({@link MinMaxObserver}, {@link FakeQuantizer}),
 * and one per-tensor activation grid per {@link ActivationSites} site from the min/max the calibration data reaches
 * there (observed with the quantized weights and unquantized activations).
 *
 * @param network          a copy of the folded network with fake-quantized Linear/Conv2d weights (biases float32)
 * @param weightParams     the weight grids by layer name
 * @param activationParams one grid per site, the input first
 * @param activationRange  the activation codes
 */
public record Int8Calibration(Network network, Map<String, QParams> weightParams, List<QParams> activationParams,
                              IntRange activationRange) {

    /** Weight bits: int8. */
    public static final int BITS = 8;

    /** Copies the maps and lists. */
    public Int8Calibration {
        weightParams = Map.copyOf(weightParams);
        activationParams = List.copyOf(activationParams);
    }

    /**
     * Quantizes the weights of a copy of {@code folded} and calibrates the activations on {@code n} examples, in
     * batches of {@code batch}.
     *
     * @param activationScheme {@link QuantScheme#UNSIGNED_AFFINE} (uint8, torch's default) or a signed scheme (int8)
     * @throws IllegalArgumentException if {@code n} or {@code batch} is below 1 or {@code x} is too short
     */
    public static Int8Calibration calibrate(Network folded, float[] x, int n, int batch, QuantScheme activationScheme) {
        if (n < 1 || batch < 1 || (long) n * folded.inputSize() > x.length) {
            throw new IllegalArgumentException("n=" + n + " and batch=" + batch + " must be at least 1 and n examples"
                    + " of " + folded.inputSize() + " features fit an array of " + x.length);
        }
        Network net = folded.copy();
        Map<String, QParams> weights = new LinkedHashMap<>();
        IntRange weightRange = QuantScheme.SIGNED_SYMMETRIC.range(BITS);
        for (Layer l : net.layers()) {
            if (l instanceof Linear || l instanceof Conv2d) {
                Parameter w = l.parameters().get(0);
                QParams qp = MinMaxObserver.perChannel(QuantScheme.SIGNED_SYMMETRIC, BITS, w.shape()[0])
                        .observe(w.data()).calculateQParams();
                System.arraycopy(FakeQuantizer.fakeQuantize(w.data(), qp, weightRange), 0, w.data(), 0, w.size());
                weights.put(l.name(), qp);
            }
        }
        int siteCount = ActivationSites.after(net.layers()).length;
        List<MinMaxObserver> observers = new ArrayList<>();
        for (int s = 0; s < siteCount; s++) {
            observers.add(MinMaxObserver.perTensor(activationScheme, BITS));
        }
        int d = net.inputSize();
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            forward(net, Arrays.copyOfRange(x, start * d, (start + m) * d), m, (site, a) -> {
                observers.get(site).observe(a);
                return a;
            });
        }
        List<QParams> activations = observers.stream().map(MinMaxObserver::calculateQParams).toList();
        return new Int8Calibration(net, weights, activations, activationScheme.range(BITS));
    }

    /** Converts to integer-only inference. */
    public IntegerNetwork toInteger() {
        return IntegerNetwork.convert(network, weightParams, activationParams, activationRange);
    }

    /**
     * The simulation of the deployed model in float32: {@link #network} with every site's activations fake-quantized
     * on its grid ({@link FakeQuantizer}), as static-quantization simulation inserts fake-quant layers.
     *
     * @return a new array of {@code n * classCount} logits
     */
    public float[] simulatedLogits(float[] x, int n) {
        return forward(network, x, n, (site, a) -> FakeQuantizer.fakeQuantize(a, activationParams.get(site),
                activationRange));
    }

    /** What happens to the activations at one site. */
    @FunctionalInterface
    interface SiteHook {
        /** Returns the activations to continue with, given site index and the site's exact-length activations. */
        float[] apply(int site, float[] activations);
    }

    /**
     * Inference-mode forward pass of {@code n} examples through {@code net}, handing each site's activations to
     * {@code hook}; returns the last layer's buffer.
     */
    static float[] forward(Network net, float[] x, int n, SiteHook hook) {
        net.setTraining(false, 0);
        int[] sites = ActivationSites.after(net.layers());
        int site = 0;
        float[] a = hook.apply(site++, Arrays.copyOf(x, n * net.inputSize()));
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            a = l.forward(a, n);
            if (site < sites.length && sites[site] == i) {
                a = hook.apply(site++, Arrays.copyOf(a, n * l.outputSize()));
            }
        }
        return Arrays.copyOf(a, n * net.classCount());
    }
}
