package dev.ablate.metrics.latency;

import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference of a pruned {@link Network} with its weights in compressed sparse row form, so the work scales with the
 * nonzero weights: every {@link Linear} and {@link Conv2d} becomes a CSR layer (exact zeros dropped, bias added);
 * every other layer is a copy of the original run through its own inference forward. Logits equal the dense
 * network's up to float summation order.
 *
 * <p>A snapshot: later changes to the source network do not reach it. It shares no mutable state with the source or
 * with other instances, so instances may run on different threads; one instance, like a {@link Network}, is not
 * thread-safe.
 */
public final class SparseNetwork {

    private final Network inference;
    private final long storedWeights;

    /**
     * @param dense the network to compress; unchanged
     */
    public SparseNetwork(Network dense) {
        List<Layer> layers = new ArrayList<>();
        long stored = 0;
        for (Layer l : dense.layers()) {
            if (l instanceof Linear linear) {
                CsrLinear csr = new CsrLinear(linear);
                stored += csr.weight().nonzeroCount();
                layers.add(csr);
            } else if (l instanceof Conv2d conv) {
                CsrConv2d csr = new CsrConv2d(conv);
                stored += csr.weight().nonzeroCount();
                layers.add(csr);
            } else {
                layers.add(l.copy());
            }
        }
        // the CSR layers hold their weights outside any Parameter, so this network runs inference only
        this.inference = new Network(layers);
        this.storedWeights = stored;
    }

    /** Features per input example. */
    public int inputSize() {
        return inference.inputSize();
    }

    /** Number of output logits. */
    public int classCount() {
        return inference.classCount();
    }

    /** Nonzero {@link Linear} and {@link Conv2d} weights, the values the CSR layers store. */
    public long storedWeights() {
        return storedWeights;
    }

    /**
     * Batch inference in inference mode, chunked as {@link Network#logits}.
     *
     * @param x {@code n * inputSize()} features, row-major
     * @param n number of examples
     * @return a new array of {@code n * classCount()} logits
     * @throws IllegalArgumentException if {@code x} is shorter than {@code n * inputSize()}
     */
    public float[] logits(float[] x, int n) {
        return inference.logits(x, n);
    }

    @Override
    public String toString() {
        return "SparseNetwork" + inference.layers();
    }
}
