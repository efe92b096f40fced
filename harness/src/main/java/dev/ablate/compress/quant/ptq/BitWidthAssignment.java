package dev.ablate.compress.quant.ptq;

import dev.ablate.nn.Network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weight bit width of every weight layer ({@link dev.ablate.nn.Linear}, {@link dev.ablate.nn.Conv2d}) of a
 * network, in layer order: the choice a mixed-precision scheme makes.
 *
 * @param bits layer name ({@code conv1}, {@code fc2}) to bit width, at least 1, in the network's layer order
 */
public record BitWidthAssignment(Map<String, Integer> bits) {
    public BitWidthAssignment {
        if (bits.isEmpty()) {
            throw new IllegalArgumentException("a bit-width assignment needs at least one layer");
        }
        bits.forEach((layer, b) -> {
            if (layer == null || b == null || b < 1) {
                throw new IllegalArgumentException("layer " + layer + ": bit width must be at least 1, got " + b);
            }
        });
        bits = Collections.unmodifiableMap(new LinkedHashMap<>(bits));
    }

    /** Every weight layer of {@code net} at {@code bits}. */
    public static BitWidthAssignment uniform(Network net, int bits) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (WeightLayer w : WeightLayer.of(net)) {
            m.put(w.name(), bits);
        }
        return new BitWidthAssignment(m);
    }

    /** The layer names, in layer order. */
    public List<String> layers() {
        return List.copyOf(bits.keySet());
    }

    /**
     * The bit width of one layer.
     *
     * @throws IllegalArgumentException naming the assigned layers if {@code layer} is not one of them
     */
    public int bitsOf(String layer) {
        Integer b = bits.get(layer);
        if (b == null) {
            throw new IllegalArgumentException("no bit width for layer '" + layer + "'; assigned layers are "
                    + bits.keySet());
        }
        return b;
    }

    /** This assignment with {@code layer} (which must be assigned) at {@code newBits}. */
    public BitWidthAssignment with(String layer, int newBits) {
        bitsOf(layer);
        Map<String, Integer> m = new LinkedHashMap<>(bits);
        m.put(layer, newBits);
        return new BitWidthAssignment(m);
    }

    /**
     * This assignment with the first and the last weight layer at {@code edgeBits}, the common practice of
     * keeping the layers that see raw pixels and produce logits at higher precision (e.g. 8 bits; Choi et al.
     * 2018, Esser et al. 2020).
     */
    public BitWidthAssignment withEdgeLayers(int edgeBits) {
        List<String> layers = layers();
        return with(layers.get(0), edgeBits).with(layers.get(layers.size() - 1), edgeBits);
    }
}
