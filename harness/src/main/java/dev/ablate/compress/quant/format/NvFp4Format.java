package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * NVIDIA's NVFP4: FP4 E2M1 elements in blocks of {@link #BLOCK_SIZE} consecutive elements along the input
 * dimension, each block with an FP8 E4M3 scale, and one float32 scale for the whole tensor (two-level
 * scaling, as NVIDIA publishes it and torchao's {@code nvfp4_quantize} computes it):
 * <pre>
 *   tensor = fl32(amax(tensor) / (448 * 6))                       (E4M3 max times E2M1 max)
 *   block  = e4m3(clamp(fl32(fl32(amax(block) / 6) / tensor), 2^-6, 448))      (stored, 8 bits)
 *   total  = fl32(tensor * block)
 *   element = e2m1(clamp(fl32(v / total), -6, 6));  output = fl32(element * total)
 * </pre>
 * with {@code e4m3}/{@code e2m1} the formats' nearest-even rounding (the element rounding may be stochastic)
 * and 2^-6 E4M3's smallest normal (torchao's floor, so a block scale never rounds to zero). A row whose length
 * is not a multiple of 16 ends in a shorter block (NVIDIA's kernels require the multiple; the simulation does
 * not need it). An all-zero tensor stays zero. Report: {@code elementBits} = 4, {@code overheadBits} = 8 per
 * block + 32 for the tensor scale; the scale range is that of the blocks' total scales. The STE mask is 0
 * where an element saturated beyond rounding ({@link FloatScaling#saturates}).
 */
public final class NvFp4Format implements TensorFormat {

    /** Elements per block (fixed by NVFP4). */
    public static final int BLOCK_SIZE = 16;

    /** Bits of a block scale (E4M3). */
    public static final int BLOCK_SCALE_BITS = 8;

    /** Bits of the tensor scale (float32). */
    public static final int TENSOR_SCALE_BITS = 32;

    private static final FloatFormat ELEMENT = FloatFormat.FP4_E2M1;
    private static final FloatFormat BLOCK_SCALE = FloatFormat.FP8_E4M3;
    private static final float BLOCK_SCALE_FLOOR = 0x1p-6f;

    private final Rounding rounding;

    /** NVFP4 with the given rounding of elements. */
    public NvFp4Format(Rounding rounding) {
        this.rounding = Objects.requireNonNull(rounding, "rounding");
    }

    @Override
    public String name() {
        return "nvfp4";
    }

    /** The rounding of elements. */
    public Rounding rounding() {
        return rounding;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code rng} is {@code null} and the rounding is stochastic
     */
    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        TensorLayout layout = TensorLayout.of(name(), x, shape, out, steMask);
        if (rounding == Rounding.STOCHASTIC) {
            Objects.requireNonNull(rng, "rng is required for stochastic rounding");
        }
        float tensorScale = amax(x, 0, x.length) / (BLOCK_SCALE.maxFinite() * ELEMENT.maxFinite());
        ScaleRange scales = new ScaleRange();
        long clipped = layout.sumOverBlocks(BLOCK_SIZE, (from, to) -> {
            if (tensorScale == 0) { // an all-zero tensor
                System.arraycopy(x, from, out, from, to - from);
                fillMask(steMask, from, to);
                return 0;
            }
            float total = tensorScale * blockScale(amax(x, from, to), tensorScale);
            scales.add(total);
            return quantizeBlock(x, from, to, total, out, steMask, rng);
        });
        long overhead = layout.blockCount(BLOCK_SIZE) * BLOCK_SCALE_BITS + TENSOR_SCALE_BITS;
        return new QuantizationReport(ELEMENT.width(), overhead, clipped, scales.min(), scales.max(), null);
    }

    /** The stored E4M3 block scale, relative to the tensor scale. */
    static float blockScale(float blockAmax, float tensorScale) {
        float relative = blockAmax / ELEMENT.maxFinite() / tensorScale;
        return BLOCK_SCALE.round(Math.max(BLOCK_SCALE_FLOOR, Math.min(BLOCK_SCALE.maxFinite(), relative)));
    }

    private long quantizeBlock(float[] x, int from, int to, float total, float[] out, byte[] steMask,
                               SplittableRandom rng) {
        float max = ELEMENT.maxFinite();
        long clipped = 0;
        for (int i = from; i < to; i++) {
            float v = x[i] / total;
            boolean clip = FloatScaling.saturates(ELEMENT, v);
            float c = Math.abs(v) > max ? Math.copySign(max, v) : v;
            out[i] = (rounding == Rounding.STOCHASTIC ? ELEMENT.round(c, rng) : ELEMENT.round(c)) * total;
            if (clip) {
                clipped++;
            }
            if (steMask != null) {
                steMask[i] = (byte) (clip ? 0 : 1);
            }
        }
        return clipped;
    }

    private static float amax(float[] x, int from, int to) {
        float m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    private static void fillMask(byte[] steMask, int from, int to) {
        if (steMask != null) {
            Arrays.fill(steMask, from, to, (byte) 1);
        }
    }

    @Override
    public String toString() {
        return "nvfp4(E2M1, block " + BLOCK_SIZE + " with E4M3 scales, fp32 tensor scale, " + rounding.specName()
                + ")";
    }
}
