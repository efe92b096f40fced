package dev.ablate.compress.distill;

import dev.ablate.data.Dataset;
import dev.ablate.nn.CorruptArtifactException;
import dev.ablate.nn.Network;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A teacher's class log-probabilities for every example of one split, in the split's example order, and the
 * teacher's top-1 accuracy on that split.
 *
 * <p>Rows are log-probabilities ({@code logsumexp = 0}); a class the teacher gives probability 0 (a tree
 * ensemble that never saw it) is {@code -Infinity}. Distillation only ever uses {@code softmax(row / T)},
 * which is shift-invariant, so a row of log-probabilities stands for any logits of the same distribution: a
 * network teacher stores {@code log_softmax(logits)}, a probability-only teacher {@code log p}, and both are
 * softened the same way ({@code softmax(log p / T) ∝ p^(1/T)}).
 *
 * <p>Instances are treated as immutable: nothing may write into {@link #logProbabilities()}. Equality compares
 * the contents.
 *
 * @param classes          number of classes, at least 1
 * @param logProbabilities {@code size * classes} values, row-major: row {@code i} belongs to example {@code i}
 * @param accuracy         fraction of rows whose most probable class (the first on ties) is the example's label;
 *                         {@code NaN} when unknown (see {@link #withAccuracyOn})
 */
public record SoftTargets(int classes, float[] logProbabilities, double accuracy) {

    /** Current byte format version; bump on any layout change and keep decoding the old ones. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAGIC = ('A' << 24) | ('B' << 16) | ('L' << 8) | 'S';
    /** magic i32, version u16, classes i32, rows i32, accuracy f64 (raw bits). */
    private static final int HEADER_BYTES = 4 + 2 + 4 + 4 + 8;
    private static final int CRC_BYTES = 4;

    public SoftTargets {
        Objects.requireNonNull(logProbabilities, "logProbabilities");
        if (classes < 1 || logProbabilities.length % classes != 0) {
            throw new IllegalArgumentException("soft targets need classes >= 1 and a whole number of rows, got classes="
                    + classes + " and " + logProbabilities.length + " values");
        }
    }

    /**
     * Log-softmax of each row of {@code logits}, computed in double precision with the row maximum subtracted,
     * scored against {@code labels}.
     *
     * @param logits  {@code labels.length * classes} values; {@code -Infinity} entries are probability 0, but
     *                every row needs a finite maximum
     * @param classes values per row
     * @param labels  class index per row
     * @throws IllegalArgumentException if the sizes disagree or a row has no finite maximum
     */
    public static SoftTargets fromLogits(float[] logits, int classes, int[] labels) {
        if (classes < 1 || (long) labels.length * classes != logits.length) {
            throw new IllegalArgumentException(logits.length + " logits do not hold " + labels.length + " rows of "
                    + classes + " classes");
        }
        float[] out = new float[logits.length];
        for (int o = 0; o < logits.length; o += classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[o + j]);
            }
            if (!Double.isFinite(max)) {
                throw new IllegalArgumentException("row " + o / classes + " has no finite logit (maximum " + max + ")");
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[o + j] - max);
            }
            double logSum = max + Math.log(sum);
            for (int j = 0; j < classes; j++) {
                out[o + j] = (float) (logits[o + j] - logSum);
            }
        }
        return new SoftTargets(classes, out, Double.NaN).withAccuracyOn(labels);
    }

    /**
     * A trained network's targets for a split: {@code log_softmax} of its inference-mode logits, with its
     * accuracy on the split's labels. This is how the fp32 model teaches its own compressed version.
     *
     * @throws IllegalArgumentException if the split does not fit the network
     */
    public static SoftTargets of(Network teacher, Dataset split) {
        if (split.featureCount() != teacher.inputSize() || split.classCount() != teacher.classCount()) {
            throw new IllegalArgumentException(split.name() + ": " + split.featureCount() + " features and "
                    + split.classCount() + " classes, but the teacher takes " + teacher.inputSize() + " and predicts "
                    + teacher.classCount());
        }
        return fromLogits(teacher.logits(split.features(), split.size()), teacher.classCount(), split.labels());
    }

    /**
     * The targets of a teacher ensemble: per row, the log of the mean of the members' probabilities (computed
     * with log-sum-exp, so members' zero probabilities stay exact). The accuracy is {@code NaN}: score the
     * result with {@link #withAccuracyOn}.
     *
     * @param members targets of the same split from each member, at least one, all of the same shape
     * @throws IllegalArgumentException if {@code members} is empty or the shapes differ
     */
    public static SoftTargets ensemble(List<SoftTargets> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a teacher ensemble needs at least one member");
        }
        SoftTargets first = members.get(0);
        for (SoftTargets m : members) {
            if (m.classes != first.classes || m.logProbabilities.length != first.logProbabilities.length) {
                throw new IllegalArgumentException("ensemble members differ in shape: " + first.size() + "x"
                        + first.classes + " and " + m.size() + "x" + m.classes);
            }
        }
        float[] out = new float[first.logProbabilities.length];
        double logCount = Math.log(members.size());
        for (int i = 0; i < out.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (SoftTargets m : members) {
                max = Math.max(max, m.logProbabilities[i]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                out[i] = Float.NEGATIVE_INFINITY;
                continue;
            }
            double sum = 0;
            for (SoftTargets m : members) {
                sum += Math.exp(m.logProbabilities[i] - max);
            }
            out[i] = (float) (max + Math.log(sum) - logCount);
        }
        return new SoftTargets(first.classes, out, Double.NaN);
    }

    /** Number of rows (examples). */
    public int size() {
        return logProbabilities.length / classes;
    }

    /** These targets with {@link #accuracy()} measured against {@code labels}, one per row. */
    public SoftTargets withAccuracyOn(int[] labels) {
        if (labels.length != size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + size() + " rows of soft targets");
        }
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            int o = r * classes;
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (logProbabilities[o + j] > logProbabilities[o + best]) {
                    best = j;
                }
            }
            correct += best == labels[r] ? 1 : 0;
        }
        return new SoftTargets(classes, logProbabilities, labels.length == 0 ? Double.NaN : (double) correct / labels.length);
    }

    /**
     * Serializes these targets. Format version 1, big-endian:
     * <pre>
     *   magic "ABLS" (4 bytes)   version u16 = 1   classes i32   rows i32   accuracy f64 (raw bits)
     *   f32 raw bits[rows * classes]
     *   trailer i32 CRC32 of every preceding byte
     * </pre>
     */
    public byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + 4 * logProbabilities.length + CRC_BYTES);
        buf.putInt(MAGIC).putShort((short) FORMAT_VERSION).putInt(classes).putInt(size())
                .putLong(Double.doubleToRawLongBits(accuracy));
        buf.asFloatBuffer().put(logProbabilities);
        buf.position(buf.position() + 4 * logProbabilities.length);
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws CorruptArtifactException if the bytes are truncated, too long, corrupted or of an unknown format
     *                                  or version
     */
    public static SoftTargets decode(byte[] bytes) {
        if (bytes.length < HEADER_BYTES + CRC_BYTES) {
            throw new CorruptArtifactException("soft targets: " + bytes.length + " bytes is shorter than the "
                    + (HEADER_BYTES + CRC_BYTES) + "-byte header and trailer");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = buf.getInt();
        int version = Short.toUnsignedInt(buf.getShort());
        if (magic != MAGIC || version != FORMAT_VERSION) {
            throw new CorruptArtifactException("soft targets: bad magic 0x" + Integer.toHexString(magic) + " or "
                    + "unknown version " + version + " (expected 'ABLS' version " + FORMAT_VERSION + ")");
        }
        int classes = buf.getInt();
        int rows = buf.getInt();
        double accuracy = Double.longBitsToDouble(buf.getLong());
        long values = (long) rows * classes;
        if (classes < 1 || rows < 0 || HEADER_BYTES + 4 * values + CRC_BYTES != bytes.length) {
            throw new CorruptArtifactException("soft targets: " + rows + " rows of " + classes + " classes need "
                    + (HEADER_BYTES + 4 * values + CRC_BYTES) + " bytes, got " + bytes.length);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        int stored = ByteBuffer.wrap(bytes, bytes.length - CRC_BYTES, CRC_BYTES).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptArtifactException("soft targets: CRC32 mismatch (stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Long.toHexString(crc.getValue()) + ")");
        }
        float[] logProbabilities = new float[(int) values];
        buf.asFloatBuffer().get(logProbabilities);
        return new SoftTargets(classes, logProbabilities, accuracy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftTargets t && classes == t.classes
                && Double.doubleToLongBits(accuracy) == Double.doubleToLongBits(t.accuracy)
                && Arrays.equals(logProbabilities, t.logProbabilities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classes + Double.hashCode(accuracy)) + Arrays.hashCode(logProbabilities);
    }

    @Override
    public String toString() {
        return "SoftTargets[" + size() + "x" + classes + ", accuracy=" + accuracy + "]";
    }
}
