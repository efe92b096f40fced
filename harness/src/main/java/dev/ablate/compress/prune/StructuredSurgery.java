package dev.ablate.compress.prune;

import dev.ablate.nn.AvgPool2d;
import dev.ablate.nn.BatchNorm;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Dropout;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.MaxPool2d;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.ReLU;
import dev.ablate.nn.Tanh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Physically removes the units that structured pruning zeroed: builds a smaller network without them. A unit of
 * a {@link UnitLayer} is removed when its whole weight row is masked; the surgery drops that row and the unit's
 * bias, the channel of every BatchNorm up to the consumer (scale, shift, running statistics), and the unit's
 * input block in the consumer (one column of a Linear, one input channel of a Conv2d, or the {@code H·W} columns
 * of a channel flattened into a Linear). Activations, dropout, pooling and flatten layers are rebuilt at the new
 * width. Masks on the surviving weights are kept.
 *
 * <p>The result computes exactly what the masked network computes when each removed unit's block in the consumer
 * is masked too ({@link Units} masks both); otherwise the constant a removed unit emits through its bias is lost.
 */
public final class StructuredSurgery {

    private StructuredSurgery() {
    }

    /**
     * @param net a network with whole units masked; not modified
     * @return a new, smaller network (a copy when no unit is fully masked)
     */
    public static Network shrink(Network net) {
        Map<Integer, UnitLayer> unitLayers = new HashMap<>();
        UnitLayer.of(net).forEach(u -> unitLayers.put(u.index(), u));
        List<Layer> layers = net.layers();
        List<Layer> out = new ArrayList<>(layers.size());
        int[] kept = null; // surviving channels of the current activations, null when all survive
        int channels = 0;  // channels of the current activations before removal
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Linear || l instanceof Conv2d) {
                Parameter w = l.parameters().get(0);
                int units = w.shape()[0];
                int[] outputs = unitLayers.containsKey(i) ? survivingRows(w) : all(units);
                if (l instanceof Linear lin) {
                    int[] inputs = kept == null ? all(lin.inputSize()) : blocks(kept, lin.inputSize() / channels);
                    out.add(lin.narrowed(outputs, inputs));
                } else {
                    Conv2d conv = (Conv2d) l;
                    out.add(conv.narrowed(outputs, kept == null ? all(conv.inChannels()) : kept));
                }
                kept = outputs.length == units ? null : outputs;
                channels = units;
            } else {
                out.add(kept == null ? l.copy() : narrowedPerChannel(l, kept, channels));
            }
        }
        return new Network(out);
    }

    /** A per-channel layer rebuilt for the kept channels. */
    private static Layer narrowedPerChannel(Layer l, int[] kept, int channels) {
        int width = kept.length * (l.inputSize() / channels);
        int[] shape = l.inputShape();
        if (l instanceof BatchNorm bn) {
            return bn.narrowed(kept);
        } else if (l instanceof ReLU) {
            return new ReLU(width);
        } else if (l instanceof Tanh) {
            return new Tanh(width);
        } else if (l instanceof Dropout d) {
            return new Dropout(d.name(), width, d.p());
        } else if (l instanceof MaxPool2d p) {
            return new MaxPool2d(p.name(), kept.length, shape[1], shape[2], p.kernel(), p.stride());
        } else if (l instanceof AvgPool2d p) {
            return new AvgPool2d(p.name(), kept.length, shape[1], shape[2], p.kernel(), p.stride());
        } else if (l instanceof Flatten) {
            shape[0] = kept.length;
            return new Flatten(shape);
        }
        throw new IllegalStateException("no per-channel rebuild for " + l);
    }

    private static int[] survivingRows(Parameter w) {
        float[] mask = w.mask();
        int rows = w.shape()[0];
        if (mask == null) {
            return all(rows);
        }
        int rowLength = w.size() / rows;
        return IntStream.range(0, rows)
                .filter(r -> IntStream.range(r * rowLength, (r + 1) * rowLength).anyMatch(i -> mask[i] != 0f))
                .toArray();
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    /** The feature indices of the kept channels' blocks of {@code block} consecutive features. */
    private static int[] blocks(int[] kept, int block) {
        return IntStream.of(kept).flatMap(c -> IntStream.range(c * block, (c + 1) * block)).toArray();
    }
}
