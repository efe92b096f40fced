package dev.ablate.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Inverted dropout ({@code nn.Dropout(p)}): in training mode each element is zeroed with probability
 * {@code p} and the survivors are scaled by {@code 1/(1-p)}, so inference is the identity (a copy).
 *
 * <p>The mask comes from a {@link SplittableRandom} re-seeded by every {@code setTraining(true, seed)} from
 * the seed and this layer's name: two dropout layers of one network draw different masks, and the same
 * network, seed and batch sequence give the same masks wherever they run. Element {@code i} is dropped when
 * the {@code i}-th {@code nextDouble()} of the batch is below {@code p}. A new layer starts in inference mode.
 */
public final class Dropout extends ShapePreservingLayer {

    private final double p;
    private final float scale;
    private boolean training;
    private SplittableRandom rng;
    private float[] mask = new float[0];
    private float[] output = new float[0];
    private float[] gradInput = new float[0];
    private int lastN = -1;
    private boolean lastTraining;

    /**
     * @param name unique layer name, part of the generator's seed
     * @param size features per example
     * @param p    drop probability in [0, 1)
     * @throws IllegalArgumentException if size is below 1 or p is outside [0, 1)
     */
    public Dropout(String name, int size, double p) {
        super(name, new int[] {size});
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(name + ": dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.scale = (float) (1.0 / (1.0 - p));
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** Whether the layer is in training mode (dropping). */
    public boolean training() {
        return training;
    }

    @Override
    public void setTraining(boolean training, long seed) {
        this.training = training;
        if (training) {
            rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (name().hashCode() + 1L)));
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public float[] forward(float[] x, int n) {
        Linear.checkBatch(x, n, inputSize());
        int len = n * inputSize();
        if (output.length < len) {
            output = new float[len];
        }
        lastN = n;
        lastTraining = training && p > 0;
        if (!lastTraining) {
            System.arraycopy(x, 0, output, 0, len);
            return output;
        }
        if (mask.length < len) {
            mask = new float[len];
        }
        for (int i = 0; i < len; i++) {
            mask[i] = rng.nextDouble() < p ? 0f : scale;
        }
        VectorKernels.multiply(x, mask, output, len);
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        if (n != lastN) {
            throw new IllegalStateException(name() + ": backward for batch " + n + " after forward for batch " + lastN);
        }
        if (!needInputGrad) {
            return null;
        }
        Linear.checkBatch(gradOutput, n, inputSize());
        int len = n * inputSize();
        if (gradInput.length < len) {
            gradInput = new float[len];
        }
        if (lastTraining) {
            VectorKernels.multiply(gradOutput, mask, gradInput, len);
        } else {
            System.arraycopy(gradOutput, 0, gradInput, 0, len);
        }
        return gradInput;
    }

    /** The last training forward's scaled mask (0 or {@code 1/(1-p)} per element); for tests. */
    float[] lastMask() {
        return mask;
    }

    @Override
    public Dropout copy() {
        return new Dropout(name(), inputSize(), p);
    }

    @Override
    public String toString() {
        return "Dropout(" + name() + ", " + inputSize() + ", p=" + p + ")";
    }
}
