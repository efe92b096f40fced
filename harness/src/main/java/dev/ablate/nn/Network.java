package dev.ablate.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * A sequential network of {@link Layer}s ending in class logits.
 *
 * <p>Mutable (training updates the parameters in place) and not thread-safe: layers reuse their buffers,
 * so even {@link #logits} must not run on one instance from two threads. Use {@link #copy()} to hand a
 * network to another thread.
 */
public final class Network {

    /** Examples per chunk in batch inference: large enough for efficient GEMM, small enough for the cache. */
    private static final int INFERENCE_CHUNK = 256;

    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName;
    private float[] chunk = new float[0];

    /**
     * @param layers at least one layer; each layer's input size must equal the previous one's output size
     * @throws IllegalArgumentException if the list is empty, sizes do not chain or parameter names repeat
     */
    public Network(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        List<Parameter> ps = new ArrayList<>();
        Map<String, Parameter> names = new LinkedHashMap<>();
        for (int i = 0; i < this.layers.size(); i++) {
            Layer l = this.layers.get(i);
            if (i > 0 && this.layers.get(i - 1).outputSize() != l.inputSize()) {
                throw new IllegalArgumentException("layer " + i + " (" + l + ") takes " + l.inputSize()
                        + " inputs but the previous layer gives " + this.layers.get(i - 1).outputSize());
            }
            for (Parameter p : l.parameters()) {
                if (names.put(p.name(), p) != null) {
                    throw new IllegalArgumentException("duplicate parameter name " + p.name());
                }
                ps.add(p);
            }
        }
        this.parameters = Collections.unmodifiableList(ps);
        this.byName = names;
    }

    /** The layers, input to output. */
    public List<Layer> layers() {
        return layers;
    }

    /** All parameters in layer order (weight before bias), as PyTorch's {@code model.parameters()}. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameter with this PyTorch-style name.
     *
     * @throws IllegalArgumentException naming the valid parameters if there is none
     */
    public Parameter parameter(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters are " + byName.keySet());
        }
        return p;
    }

    /** Features per input example. */
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    /**
     * Shape of one input example as the first layer expects it, e.g. {@code [1, 28, 28]} for a CNN or a
     * flattening MLP, {@code [d]} for a plain MLP; its product is {@link #inputSize()}.
     */
    public int[] inputShape() {
        return layers.get(0).inputShape();
    }

    /** Number of output logits (classes). */
    public int classCount() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /**
     * Puts every layer in training or inference mode (see {@link Layer#setTraining}); {@link #logits} and
     * {@link #predict} always run in inference mode.
     */
    public void setTraining(boolean training, long seed) {
        for (Layer l : layers) {
            l.setTraining(training, seed);
        }
    }

    /** Multiply-accumulate operations of one example's forward pass: the sum over {@link #layerCosts()}. */
    public long macs() {
        long total = 0;
        for (LayerCost c : layerCosts()) {
            total += c.macs();
        }
        return total;
    }

    /** Per-layer cost, input to output: name, type, MACs per example and parameter count. */
    public List<LayerCost> layerCosts() {
        List<LayerCost> costs = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            long params = 0;
            for (Parameter p : l.parameters()) {
                params += p.size();
            }
            costs.add(new LayerCost(l.name(), l.getClass().getSimpleName(), l.macs(), params));
        }
        return List.copyOf(costs);
    }

    /**
     * Training forward pass over one batch.
     *
     * @return the last layer's output buffer ({@code n * classCount()} logits), valid until the next forward
     */
    public float[] forward(float[] x, int n) {
        float[] a = x;
        for (Layer l : layers) {
            a = l.forward(a, n);
        }
        return a;
    }

    /**
     * Backward pass through the last {@link #forward}: overwrites every parameter's gradient. The input
     * gradient is not computed.
     */
    public void backward(float[] gradLogits, int n) {
        float[] g = gradLogits;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, n, i > 0);
        }
    }

    /**
     * Batch inference in inference mode (dropout off, running statistics), in chunks, single-threaded.
     *
     * @param x {@code n * inputSize()} features, row-major
     * @param n number of examples
     * @return a new array of {@code n * classCount()} logits
     */
    public float[] logits(float[] x, int n) {
        int d = inputSize();
        int c = classCount();
        if (n < 0 || (long) n * d > x.length) {
            throw new IllegalArgumentException(n + " examples of " + d + " features do not fit an array of " + x.length);
        }
        setTraining(false, 0);
        float[] result = new float[n * c];
        int cap = Math.min(n, INFERENCE_CHUNK);
        if (chunk.length < cap * d) {
            chunk = new float[cap * d];
        }
        for (int start = 0; start < n; start += INFERENCE_CHUNK) {
            int m = Math.min(INFERENCE_CHUNK, n - start);
            System.arraycopy(x, start * d, chunk, 0, m * d);
            float[] out = forward(chunk, m);
            System.arraycopy(out, 0, result, start * c, m * c);
        }
        return result;
    }

    /** Predicted class per example: index of the largest logit, the first one on ties. */
    public int[] predict(float[] x, int n) {
        return predictions(logits(x, n), n, classCount());
    }

    /** The predicted class of each of {@code n} rows of {@code classes} logits: the first largest logit's index. */
    public static int[] predictions(float[] logits, int n, int classes) {
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            pred[i] = argmax(logits, i * classes, classes);
        }
        return pred;
    }

    static int argmax(float[] a, int offset, int len) {
        int best = 0;
        float bestV = a[offset];
        for (int j = 1; j < len; j++) {
            if (a[offset + j] > bestV) {
                bestV = a[offset + j];
                best = j;
            }
        }
        return best;
    }

    /** Deep copy: parameter values and masks copied, buffers fresh. */
    public Network copy() {
        List<Layer> ls = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            ls.add(l.copy());
        }
        return new Network(ls);
    }

    /** Total number of parameter elements (weights and biases). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    /** Number of parameter elements that are not zero. */
    public long nonzeroParameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.nonzeroCount();
        }
        return n;
    }

    @Override
    public String toString() {
        return "Network" + layers;
    }
}
