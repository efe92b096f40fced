package dev.ablate.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Batch normalisation with PyTorch's semantics ({@code nn.BatchNorm1d}/{@code nn.BatchNorm2d}, affine, tracking
 * running statistics, eps {@value #EPS}, momentum {@value #MOMENTUM}). Statistics are per channel over the
 * batch and, for 2-D, all pixels: {@code m = n * H * W} values.
 *
 * <ul>
 *   <li>Training mode: {@code y = weight * (x - mean) / sqrt(var + eps) + bias} with the batch mean and the
 *       <em>biased</em> batch variance; then {@code running_mean = (1 - momentum) * running_mean + momentum * mean}
 *       and {@code running_var} likewise with the <em>unbiased</em> variance {@code var * m / (m - 1)}.
 *       Needs {@code m > 1}, as PyTorch does.</li>
 *   <li>Inference mode: the same formula with the running statistics; nothing is updated.</li>
 * </ul>
 * Parameters {@code <name>.weight} (init 1) and {@code <name>.bias} (init 0), both {@code [C]} and not
 * prunable. The running statistics are state, not parameters: optimizers never touch them, the codec stores
 * them, {@link BatchNormFolding} folds them away. A new layer starts in inference mode with
 * {@code running_mean = 0}, {@code running_var = 1}. Statistics accumulate per channel in double.
 */
public abstract sealed class BatchNorm implements Layer permits BatchNorm1d, BatchNorm2d {

    /** {@code eps} added to the variance (PyTorch's default). */
    public static final double EPS = 1e-5;
    /** Weight of the newest batch in the running statistics (PyTorch's default). */
    public static final double MOMENTUM = 0.1;

    final String name;
    final int channels;
    final int spatial;
    private final Parameter weight;
    private final Parameter bias;
    private final float[] runningMean;
    private final float[] runningVar;
    private final float[] mean;
    private final float[] invStd;
    private boolean training;
    private boolean frozen;
    private boolean lastTraining;
    private float[] xhat = new float[0];
    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private int lastN = -1;

    BatchNorm(String name, int channels, int spatial) {
        this.name = Objects.requireNonNull(name, "name");
        if (channels < 1 || spatial < 1) {
            throw new IllegalArgumentException(name + ": channels=" + channels + " and spatial size=" + spatial
                    + " must be at least 1");
        }
        this.channels = channels;
        this.spatial = spatial;
        this.weight = new Parameter(name + ".weight", new int[] {channels}, false);
        this.bias = new Parameter(name + ".bias", new int[] {channels}, false);
        Arrays.fill(weight.data(), 1f);
        this.runningMean = new float[channels];
        this.runningVar = new float[channels];
        Arrays.fill(runningVar, 1f);
        this.mean = new float[channels];
        this.invStd = new float[channels];
    }

    /** Copies parameters, running statistics and mode from {@code other} (same geometry). */
    void copyStateFrom(BatchNorm other) {
        System.arraycopy(other.weight.data(), 0, weight.data(), 0, channels);
        System.arraycopy(other.bias.data(), 0, bias.data(), 0, channels);
        System.arraycopy(other.runningMean, 0, runningMean, 0, channels);
        System.arraycopy(other.runningVar, 0, runningVar, 0, channels);
        training = other.training;
        frozen = other.frozen;
    }

    /**
     * A copy that keeps only the given channels, in that order: scale, shift and running statistics selected,
     * mode and frozen statistics kept. Structured pruning uses it when the layer before loses channels.
     *
     * @throws IllegalArgumentException if the list is empty or an index is out of range
     */
    public BatchNorm narrowed(int[] kept) {
        BatchNorm b = withChannels(kept.length);
        for (int i = 0; i < kept.length; i++) {
            int c = kept[i];
            if (c < 0 || c >= channels) {
                throw new IllegalArgumentException(name + ": channel " + c + " out of range [0, " + channels + ")");
            }
            b.weight.data()[i] = weight.data()[c];
            b.bias.data()[i] = bias.data()[c];
            b.runningMean[i] = runningMean[c];
            b.runningVar[i] = runningVar[c];
        }
        b.training = training;
        b.frozen = frozen;
        return b;
    }

    /** A new layer of this kind and name, with the same spatial size and {@code channels} channels. */
    abstract BatchNorm withChannels(int channels);

    /** The {@code [C]} scale (gamma). */
    public Parameter weight() {
        return weight;
    }

    /** The {@code [C]} shift (beta). */
    public Parameter bias() {
        return bias;
    }

    /** The live running means ({@code running_mean}); writing changes the layer. */
    public float[] runningMean() {
        return runningMean;
    }

    /** The live running variances ({@code running_var}, unbiased); writing changes the layer. */
    public float[] runningVar() {
        return runningVar;
    }

    /** Number of channels (features for 1-D). */
    public int channels() {
        return channels;
    }

    /** Whether the layer is in training mode (batch statistics, running statistics updated). */
    public boolean training() {
        return training;
    }

    @Override
    public void setTraining(boolean training, long seed) {
        this.training = training && !frozen;
    }

    /**
     * Freezes the statistics for the rest of training: from now on the layer normalizes with its running
     * statistics and stops updating them, in training mode too (as QAT recipes do after a few epochs, Jacob et
     * al. 2018 §3.2); {@link #weight()} and {@link #bias()} still learn.
     */
    public void freezeStatistics() {
        frozen = true;
        training = false;
    }

    /** Whether {@link #freezeStatistics()} was called. */
    public boolean statisticsFrozen() {
        return frozen;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return channels * spatial;
    }

    @Override
    public int outputSize() {
        return channels * spatial;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /**
     * {@code C * H * W}: one multiply-add per element in the inference form {@code y = x * scale + shift}
     * (0 once {@link BatchNormFolding} has folded the layer away).
     */
    @Override
    public long macs() {
        return (long) channels * spatial;
    }

    @Override
    public float[] forward(float[] x, int n) {
        int size = inputSize();
        Linear.checkBatch(x, n, size);
        int len = n * size;
        if (output.length < len) {
            output = new float[len];
            xhat = new float[len];
        }
        long m = (long) n * spatial;
        if (training) {
            if (m < 2) {
                throw new IllegalArgumentException(name + ": expected more than 1 value per channel in training mode,"
                        + " got a batch of " + n + " with " + spatial + " value(s) per channel");
            }
            batchStatistics(x, n, m);
        } else {
            for (int c = 0; c < channels; c++) {
                mean[c] = runningMean[c];
                invStd[c] = (float) (1.0 / Math.sqrt(runningVar[c] + EPS));
            }
        }
        float[] g = weight.data();
        float[] b = bias.data();
        if (spatial == 1) {
            for (int i = 0; i < n; i++) {
                VectorKernels.normalizeRow(x, xhat, i * channels, channels, mean, invStd);
                VectorKernels.affineRow(xhat, output, i * channels, channels, g, b);
            }
        } else {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    int off = (i * channels + c) * spatial;
                    VectorKernels.normalize(x, xhat, off, spatial, mean[c], invStd[c]);
                    VectorKernels.affine(xhat, output, off, spatial, g[c], b[c]);
                }
            }
        }
        lastN = n;
        lastTraining = training;
        return output;
    }

    private void batchStatistics(float[] x, int n, long m) {
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += spatial == 1 ? x[i * channels + c] : VectorKernels.sum(x, (i * channels + c) * spatial, spatial);
            }
            double mu = s / m;
            float muF = (float) mu;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                if (spatial == 1) {
                    double d = x[i * channels + c] - mu;
                    ss += d * d;
                } else {
                    ss += VectorKernels.sumSquaredDeviation(x, (i * channels + c) * spatial, spatial, muF);
                }
            }
            double var = ss / m;
            mean[c] = muF;
            invStd[c] = (float) (1.0 / Math.sqrt(var + EPS));
            runningMean[c] = (float) ((1 - MOMENTUM) * runningMean[c] + MOMENTUM * mu);
            runningVar[c] = (float) ((1 - MOMENTUM) * runningVar[c] + MOMENTUM * var * m / (m - 1));
        }
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (n != lastN) {
            throw new IllegalStateException(name + ": backward for batch " + n + " after forward for batch " + lastN);
        }
        Linear.checkBatch(gradOutput, n, inputSize());
        float[] gw = weight.grad();
        float[] gb = bias.grad();
        float[] gamma = weight.data();
        for (int c = 0; c < channels; c++) {
            double sg = 0;
            double sgx = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * channels + c) * spatial;
                if (spatial == 1) {
                    sg += gradOutput[off];
                    sgx += (double) gradOutput[off] * xhat[off];
                } else {
                    sg += VectorKernels.sum(gradOutput, off, spatial);
                    sgx += VectorKernels.dot(gradOutput, off, xhat, off, spatial);
                }
            }
            gb[c] = (float) sg;
            gw[c] = (float) sgx;
        }
        if (!needInputGrad) {
            return null;
        }
        int len = n * inputSize();
        if (gradInput.length < len) {
            gradInput = new float[len];
        }
        double m = (double) n * spatial;
        for (int c = 0; c < channels; c++) {
            float a = gamma[c] * invStd[c];
            // training: dx = a * (g - mean(g) - xhat * mean(g * xhat)); inference: the statistics are constants
            float bx = lastTraining ? (float) (-a * gw[c] / m) : 0f;
            float cc = lastTraining ? (float) (-a * gb[c] / m) : 0f;
            for (int i = 0; i < n; i++) {
                int off = (i * channels + c) * spatial;
                if (spatial == 1) {
                    gradInput[off] = Math.fma(gradOutput[off], a, cc) + xhat[off] * bx;
                } else {
                    VectorKernels.combine(gradOutput, xhat, gradInput, off, spatial, a, bx, cc);
                }
            }
        }
        return gradInput;
    }
}
