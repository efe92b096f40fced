package dev.ablate.metrics.latency;

import dev.ablate.nn.Linear;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inference-only {@link Linear} with the {@code [out, in]} weight in CSR: {@code y = x W^T + b}, touching only the
 * nonzero weights. One example is one sparse dot product per output; a larger batch is transposed to
 * {@code [in, n]} first so that each nonzero {@code W[o, c]} becomes a contiguous {@code y[o, :] += W[o, c] x[c, :]}
 * over the batch, a vector fused multiply-add per block of examples, instead of {@code n} scattered loads.
 */
final class CsrLinear implements InferenceOnlyLayer {

    /** {@code SPECIES_MAX}, the engine's one float species (mixing species de-optimises hot loops). */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_MAX;

    private final String name;
    private final CsrMatrix weight;
    private final float[] bias;

    private float[] output = new float[0];
    private float[] inputT = new float[0];
    private float[] outputT = new float[0];

    /** Compresses a snapshot of the layer's weight and bias. */
    CsrLinear(Linear dense) {
        this(dense.name(), CsrMatrix.of(dense.weight().data(), dense.outputSize(), dense.inputSize()),
                dense.bias().data().clone());
    }

    private CsrLinear(String name, CsrMatrix weight, float[] bias) {
        this.name = name;
        this.weight = weight;
        this.bias = bias;
    }

    /** The compressed weight. */
    CsrMatrix weight() {
        return weight;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return weight.cols();
    }

    @Override
    public int outputSize() {
        return weight.rows();
    }

    @Override
    public float[] forward(float[] x, int n) {
        int in = weight.cols();
        int out = weight.rows();
        if (n < 1 || (long) n * in > x.length) {
            throw new IllegalArgumentException(name + ": batch of " + n + " x " + in + " does not fit an array of "
                    + x.length);
        }
        output = ensure(output, n * out);
        float[] v = weight.values();
        int[] col = weight.columns();
        int[] start = weight.rowStart();
        if (n == 1) {
            for (int o = 0; o < out; o++) {
                float s = 0f;
                for (int k = start[o]; k < start[o + 1]; k++) {
                    s += v[k] * x[col[k]];
                }
                output[o] = s + bias[o];
            }
            return output;
        }
        float[] xt = inputT = ensure(inputT, in * n);
        float[] yt = outputT = ensure(outputT, out * n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < in; c++) {
                xt[c * n + r] = x[r * in + c];
            }
        }
        int vectorEnd = SPECIES.loopBound(n);
        for (int o = 0; o < out; o++) {
            int y = o * n;
            // one accumulator register per block of examples, kept across the row's nonzeros
            for (int r = 0; r < vectorEnd; r += SPECIES.length()) {
                FloatVector acc = FloatVector.zero(SPECIES);
                for (int k = start[o]; k < start[o + 1]; k++) {
                    FloatVector w = FloatVector.broadcast(SPECIES, v[k]);
                    acc = FloatVector.fromArray(SPECIES, xt, col[k] * n + r).fma(w, acc);
                }
                acc.intoArray(yt, y + r);
            }
            for (int r = vectorEnd; r < n; r++) {
                float s = 0f;
                for (int k = start[o]; k < start[o + 1]; k++) {
                    s += v[k] * xt[col[k] * n + r];
                }
                yt[y + r] = s;
            }
        }
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                output[r * out + o] = yt[o * n + r] + bias[o];
            }
        }
        return output;
    }

    /** Shares the immutable weights; buffers fresh. */
    @Override
    public CsrLinear copy() {
        return new CsrLinear(name, weight, bias);
    }

    static float[] ensure(float[] buffer, int length) {
        return buffer.length >= length ? buffer : new float[length];
    }

    @Override
    public String toString() {
        return "CsrLinear(" + name + ", in=" + inputSize() + ", out=" + outputSize() + ", nonzeros="
                + weight.nonzeroCount() + ")";
    }
}
