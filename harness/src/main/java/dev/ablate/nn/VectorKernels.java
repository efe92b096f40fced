package dev.ablate.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The engine's {@code jdk.incubator.vector} kernels for the element-wise work BLAS has no routine for
 * (activations, adds, per-channel affine maps, reductions).
 *
 * <p>Every kernel uses the one species {@link #SPECIES}: mixing vector species in one JVM splits the JIT's
 * type profiles and de-optimises hot loops, so code elsewhere in the engine must use this constant too. Each
 * kernel is a vector loop over {@code SPECIES.loopBound(len)} followed by a scalar tail, with the same
 * per-element result as the scalar formula stated in its comment (the tests compare against scalar
 * reference loops).
 */
final class VectorKernels {

    /** The engine's single float species: {@code SPECIES_MAX}. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_MAX;
    private static final int LANES = SPECIES.length();

    private VectorKernels() {
    }

    /** {@code y[i] = max(x[i], 0)} for {@code i < len} (NaN propagates as in {@code v > 0 ? v : 0}: to 0). */
    static void relu(float[] x, float[] y, int len) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            // blend on "v > 0" rather than max(v, 0), so NaN maps to 0 exactly like the scalar rule
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        for (; i < len; i++) {
            float v = x[i];
            y[i] = v > 0f ? v : 0f;
        }
    }

    /** {@code dx[i] = y[i] > 0 ? g[i] : 0}: the ReLU derivative from its output. */
    static void reluBackward(float[] y, float[] g, float[] dx, int len) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            VectorMask<Float> on = FloatVector.fromArray(SPECIES, y, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(SPECIES, g, i), on).intoArray(dx, i);
        }
        for (; i < len; i++) {
            dx[i] = y[i] > 0f ? g[i] : 0f;
        }
    }

    /** {@code y[i] = (float) Math.tanh(x[i])}. */
    static void tanh(float[] x, float[] y, int len) {
        // scalar on purpose: JDK 17 has no vector intrinsic for TANH, and its lane-wise fallback allocates
        // on every call (caught by TrainingAllocationTest), besides being slower than Math.tanh
        for (int i = 0; i < len; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    /** {@code dx[i] = g[i] * (1 - y[i] * y[i])}: the tanh derivative from its output. */
    static void tanhBackward(float[] y, float[] g, float[] dx, int len) {
        // a plain loop, which C2 vectorizes itself: the Vector API version was left un-intrinsified (allocating
        // ~86 KB per training step) after some sequences of earlier use in one JVM (TrainingAllocationTest)
        for (int i = 0; i < len; i++) {
            float v = y[i];
            dx[i] = g[i] * (1f - v * v);
        }
    }

    /** {@code y[i] = x[i] * m[i]} (dropout's scaled mask). */
    static void multiply(float[] x, float[] m, float[] y, int len) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, i).mul(FloatVector.fromArray(SPECIES, m, i)).intoArray(y, i);
        }
        for (; i < len; i++) {
            y[i] = x[i] * m[i];
        }
    }

    /** {@code dst[dOff + i] += src[sOff + i]} for {@code i < len} (col2im's contiguous rows, pooling adds). */
    static void addInto(float[] src, int sOff, float[] dst, int dOff, int len) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, dst, dOff + i).add(FloatVector.fromArray(SPECIES, src, sOff + i))
                    .intoArray(dst, dOff + i);
        }
        for (; i < len; i++) {
            dst[dOff + i] += src[sOff + i];
        }
    }

    /** {@code dst[dOff + i] = max(dst[dOff + i], src[sOff + i])} (no NaN handling needed by its callers). */
    static void maxInto(float[] src, int sOff, float[] dst, int dOff, int len) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, dst, dOff + i).max(FloatVector.fromArray(SPECIES, src, sOff + i))
                    .intoArray(dst, dOff + i);
        }
        for (; i < len; i++) {
            dst[dOff + i] = Math.max(dst[dOff + i], src[sOff + i]);
        }
    }

    /** {@code y[off + i] = x[off + i] * scale + shift} for one channel plane (BatchNorm2d apply). */
    static void affine(float[] x, float[] y, int off, int len, float scale, float shift) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, off + i).fma(scale, shift).intoArray(y, off + i);
        }
        for (; i < len; i++) {
            y[off + i] = Math.fma(x[off + i], scale, shift);
        }
    }

    /** {@code y[off + i] = x[off + i] * scale[i] + shift[i]} for one row of features (BatchNorm1d apply). */
    static void affineRow(float[] x, float[] y, int off, int len, float[] scale, float[] shift) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, off + i)
                    .fma(FloatVector.fromArray(SPECIES, scale, i), FloatVector.fromArray(SPECIES, shift, i))
                    .intoArray(y, off + i);
        }
        for (; i < len; i++) {
            y[off + i] = Math.fma(x[off + i], scale[i], shift[i]);
        }
    }

    /** Sum of {@code x[off .. off+len)}, lanes accumulated in float and combined in double. */
    static double sum(float[] x, int off, int len) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            acc = acc.add(FloatVector.fromArray(SPECIES, x, off + i));
        }
        double s = 0;
        for (int l = 0; l < LANES; l++) {
            s += acc.lane(l);
        }
        for (; i < len; i++) {
            s += x[off + i];
        }
        return s;
    }

    /** Sum of {@code (x[off+i] - mean)^2}, lanes in float, combined in double. */
    static double sumSquaredDeviation(float[] x, int off, int len, float mean) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, off + i).sub(mean);
            acc = d.fma(d, acc);
        }
        double s = 0;
        for (int l = 0; l < LANES; l++) {
            s += acc.lane(l);
        }
        for (; i < len; i++) {
            double d = x[off + i] - mean;
            s += d * d;
        }
        return s;
    }

    /** Dot product of {@code a[aOff..)} and {@code b[bOff..)} over {@code len}, lanes in float, combined in double. */
    static double dot(float[] a, int aOff, float[] b, int bOff, int len) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            acc = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc);
        }
        double s = 0;
        for (int l = 0; l < LANES; l++) {
            s += acc.lane(l);
        }
        for (; i < len; i++) {
            s += (double) a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    /** {@code y[off + i] = g[off + i] * a + h[off + i] * b + c} (BatchNorm2d's input gradient). */
    static void combine(float[] g, float[] h, float[] y, int off, int len, float a, float b, float c) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, g, off + i).fma(a, c)
                    .add(FloatVector.fromArray(SPECIES, h, off + i).mul(b)).intoArray(y, off + i);
        }
        for (; i < len; i++) {
            y[off + i] = Math.fma(g[off + i], a, c) + h[off + i] * b;
        }
    }

    /** {@code y[off + i] = (x[off + i] - mean) * invStd} (BatchNorm2d normalisation, no cancellation). */
    static void normalize(float[] x, float[] y, int off, int len, float mean, float invStd) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, off + i).sub(mean).mul(invStd).intoArray(y, off + i);
        }
        for (; i < len; i++) {
            y[off + i] = (x[off + i] - mean) * invStd;
        }
    }

    /** {@code y[off + i] = (x[off + i] - mean[i]) * invStd[i]} for one row of features (BatchNorm1d). */
    static void normalizeRow(float[] x, float[] y, int off, int len, float[] mean, float[] invStd) {
        int i = 0;
        int bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, off + i).sub(FloatVector.fromArray(SPECIES, mean, i))
                    .mul(FloatVector.fromArray(SPECIES, invStd, i)).intoArray(y, off + i);
        }
        for (; i < len; i++) {
            y[off + i] = (x[off + i] - mean[i]) * invStd[i];
        }
    }
}
