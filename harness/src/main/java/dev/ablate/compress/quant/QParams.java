package dev.ablate.compress.quant;

import java.util.Arrays;

/**
 * Quantization parameters: one scale and zero point per tensor (arrays of length 1) or per channel along
 * axis 0 (length = number of channels).
 *
 * @param scales     positive float32 step sizes
 * @param zeroPoints integer code that represents 0.0, per scale
 */
public record QParams(float[] scales, int[] zeroPoints) {
    public QParams {
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
        if (scales.length == 0 || scales.length != zeroPoints.length) {
            throw new IllegalArgumentException(scales.length + " scales and " + zeroPoints.length
                    + " zero points; need the same non-zero number");
        }
        for (float s : scales) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("scales must be positive and finite, got " + Arrays.toString(scales));
            }
        }
    }

    /** Per-tensor parameters. */
    public static QParams perTensor(float scale, int zeroPoint) {
        return new QParams(new float[] {scale}, new int[] {zeroPoint});
    }

    /** Number of (scale, zero point) pairs: 1 per tensor, else one per channel. */
    public int channelCount() {
        return scales.length;
    }

    /** Whether one pair covers the whole tensor. */
    public boolean perTensor() {
        return scales.length == 1;
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }

    @Override
    public int[] zeroPoints() {
        return zeroPoints.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QParams q && Arrays.equals(scales, q.scales) && Arrays.equals(zeroPoints, q.zeroPoints);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints);
    }

    @Override
    public String toString() {
        return "QParams[scales=" + Arrays.toString(scales) + ", zeroPoints=" + Arrays.toString(zeroPoints) + "]";
    }
}
