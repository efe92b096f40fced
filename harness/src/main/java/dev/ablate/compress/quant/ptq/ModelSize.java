package dev.ablate.compress.quant.ptq;

import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;

import java.util.HashSet;
import java.util.Set;

/**
 * The packed size of a network whose weights follow a {@link BitWidthAssignment}: each weight of a layer at
 * {@code b < 32} bits takes {@code b} bits plus one float32 scale per output channel (symmetric per-channel
 * quantization, zero point 0); a layer at 32 bits or more is stored as float32 without a scale; biases and
 * every other parameter (e.g. an unfolded BatchNorm's) stay float32. Sizes round up to whole bytes.
 */
public final class ModelSize {

    /** Bits of one per-channel scale (float32). */
    public static final int SCALE_BITS = 32;

    private static final int FLOAT_BITS = 32;

    private ModelSize() {
    }

    /**
     * Bytes of {@code net} packed as {@code assignment} says.
     *
     * @throws IllegalArgumentException if the assignment misses a weight layer of {@code net}
     */
    public static long bytes(Network net, BitWidthAssignment assignment) {
        return (bits(net, assignment) + 7) / 8;
    }

    /** Bits of {@code net} packed as {@code assignment} says, before rounding up to bytes. */
    static long bits(Network net, BitWidthAssignment assignment) {
        long bits = 0;
        Set<Parameter> weights = new HashSet<>();
        for (WeightLayer w : WeightLayer.of(net)) {
            int b = assignment.bitsOf(w.name());
            weights.add(w.weight());
            bits += b >= FLOAT_BITS
                    ? (long) w.weight().size() * FLOAT_BITS
                    : (long) w.weight().size() * b + (long) SCALE_BITS * w.outChannels();
        }
        for (Parameter p : net.parameters()) {
            if (!weights.contains(p)) {
                bits += (long) p.size() * FLOAT_BITS;
            }
        }
        return bits;
    }

    /** Bytes of {@code net} with every parameter in float32: the reference for compression ratios and budgets. */
    public static long fp32Bytes(Network net) {
        return net.parameterCount() * (FLOAT_BITS / 8);
    }

    /**
     * A size budget as a fraction of {@link #fp32Bytes}, rounded down to whole bytes.
     *
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
     */
    public static long budget(Network net, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("size budget fraction must be in (0, 1], got " + fraction);
        }
        return (long) Math.floor(fp32Bytes(net) * fraction);
    }
}
