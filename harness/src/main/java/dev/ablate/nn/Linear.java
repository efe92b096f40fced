package dev.ablate.nn;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fully connected layer {@code y = x W^T + b} with PyTorch's layout: {@code <name>.weight} is
 * {@code [out, in]}, {@code <name>.bias} is {@code [out]}.
 *
 * <p>All three products run as one {@code sgemm} each. BLAS is column-major, and a row-major {@code [r, c]}
 * array is the column-major {@code [c, r]} transpose, so: {@code Y^T = W X^T} is
 * {@code sgemm(T, N, out, n, in, W, X)}; {@code dW^T = X^T dY} is {@code sgemm(N, T, in, out, n, X, dY)};
 * {@code dX^T = W^T dY^T} is {@code sgemm(N, N, in, n, out, W, dY)}.
 */
public final class Linear implements Layer {

    private final String name;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private float[] lastInput;
    private int lastN;

    /**
     * Creates a layer with all parameters zero; call {@link #resetParameters} or write the values directly.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public Linear(String name, int inFeatures, int outFeatures) {
        this.name = Objects.requireNonNull(name, "name");
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException(name + ": in_features=" + inFeatures + " and out_features="
                    + outFeatures + " must be at least 1");
        }
        this.in = inFeatures;
        this.out = outFeatures;
        this.weight = new Parameter(name + ".weight", new int[] {outFeatures, inFeatures}, true);
        this.bias = new Parameter(name + ".bias", new int[] {outFeatures}, false);
    }

    private Linear(Linear other) {
        this.name = other.name;
        this.in = other.in;
        this.out = other.out;
        this.weight = other.weight.copy();
        this.bias = other.bias.copy();
    }

    /**
     * PyTorch's default initialisation ({@code nn.Linear.reset_parameters}): weight from
     * {@code kaiming_uniform_(a=sqrt(5))}, which is U(-1/sqrt(in), 1/sqrt(in)), then bias from the same
     * interval; weight before bias, each in row-major order. A mask, if set, is re-applied.
     */
    public void resetParameters(SplittableRandom rng) {
        Init.pytorchDefault(weight, bias, rng);
    }

    /** The {@code [out, in]} weight. */
    public Parameter weight() {
        return weight;
    }

    /** The {@code [out]} bias. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** {@code in * out} multiply-accumulates per example (the bias add is not counted). */
    @Override
    public long macs() {
        return (long) in * out;
    }

    @Override
    public float[] forward(float[] x, int n) {
        checkBatch(x, n, in);
        if (output.length < n * out) {
            output = new float[n * out];
        }
        float[] b = bias.data();
        for (int r = 0; r < n; r++) {
            System.arraycopy(b, 0, output, r * out, out);
        }
        Blas.instance().sgemm("T", "N", out, n, in, 1f, weight.data(), in, x, in, 1f, output, out);
        lastInput = x;
        lastN = n;
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (lastInput == null || n != lastN) {
            throw new IllegalStateException(name + ": backward for batch " + n + " after forward for batch " + lastN);
        }
        checkBatch(gradOutput, n, out);
        Blas.instance().sgemm("N", "T", in, out, n, 1f, lastInput, in, gradOutput, out, 0f, weight.grad(), in);
        weight.maskGradient();
        float[] gb = bias.grad();
        java.util.Arrays.fill(gb, 0f);
        for (int r = 0; r < n; r++) {
            int o = r * out;
            for (int j = 0; j < out; j++) {
                gb[j] += gradOutput[o + j];
            }
        }
        if (!needInputGrad) {
            return null;
        }
        if (gradInput.length < n * in) {
            gradInput = new float[n * in];
        }
        Blas.instance().sgemm("N", "N", in, n, out, 1f, weight.data(), in, gradOutput, out, 0f, gradInput, in);
        return gradInput;
    }

    /**
     * A copy that keeps only some output units and input features, in the given order: row {@code r} of the new
     * weight is row {@code outputs[r]} of this one restricted to the columns {@code inputs}, and the bias and mask
     * are selected the same way. Structured pruning uses it to remove units physically.
     *
     * @throws IllegalArgumentException if a list is empty or an index is out of range
     */
    public Linear narrowed(int[] outputs, int[] inputs) {
        Linear l = new Linear(name, inputs.length, outputs.length);
        Narrowing.rows(weight, outputs, inputs, 1, l.weight);
        Narrowing.rows(bias, outputs, new int[] {0}, 1, l.bias);
        return l;
    }

    @Override
    public Linear copy() {
        return new Linear(this);
    }

    static void checkBatch(float[] a, int n, int width) {
        if (n < 1 || (long) n * width > a.length) {
            throw new IllegalArgumentException("batch of " + n + " x " + width + " does not fit an array of " + a.length);
        }
    }

    @Override
    public String toString() {
        return "Linear(" + name + ", in=" + in + ", out=" + out + ")";
    }
}
