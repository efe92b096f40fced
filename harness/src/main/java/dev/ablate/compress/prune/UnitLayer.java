package dev.ablate.compress.prune;

import dev.ablate.nn.Activation;
import dev.ablate.nn.BatchNorm;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Dropout;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.nn.Pool2d;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer whose output units (Linear neurons, Conv2d channels) can be removed: it has a consumer, the next
 * Linear or Conv2d, reached only through per-channel layers (BatchNorm, activations, dropout, pooling, flatten),
 * so removing unit {@code u} means removing row {@code u} of this layer's weight and bias, channel {@code u} of
 * the BatchNorms in between, and block {@code u} of every row of the consumer's weight. The network's last
 * weight layer (the classifier, whose units are the classes) has no consumer and is never a unit layer.
 *
 * @param index    position in {@link Network#layers()}
 * @param layer    the Linear or Conv2d
 * @param consumer the next Linear or Conv2d
 * @param block    consumer weights per unit in each consumer row: {@code kh·kw} for a Conv2d, the flattened
 *                 pixels per channel ({@code in / units}) for a Linear
 */
record UnitLayer(int index, Layer layer, Layer consumer, int block) {

    /** The unit layer's weight ({@code [units, ...]}). */
    Parameter weight() {
        return layer.parameters().get(0);
    }

    /** The consumer's weight. */
    Parameter consumerWeight() {
        return consumer.parameters().get(0);
    }

    /** Number of output units. */
    int units() {
        return weight().shape()[0];
    }

    /** Layer name, the key of per-layer amounts. */
    String name() {
        return layer.name();
    }

    /**
     * The network's unit layers, input to output.
     *
     * @throws IllegalArgumentException if a layer between a weight layer and its consumer mixes channels in a
     *                                  way units cannot be removed through
     */
    static List<UnitLayer> of(Network net) {
        List<Layer> layers = net.layers();
        List<UnitLayer> units = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Linear || layers.get(i) instanceof Conv2d)) {
                continue;
            }
            for (int j = i + 1; j < layers.size(); j++) {
                Layer next = layers.get(j);
                if (next instanceof Conv2d conv) {
                    units.add(new UnitLayer(i, layers.get(i), conv, conv.kernel() * conv.kernel()));
                    break;
                }
                if (next instanceof Linear lin) {
                    int count = layers.get(i).parameters().get(0).shape()[0];
                    units.add(new UnitLayer(i, layers.get(i), lin, lin.inputSize() / count));
                    break;
                }
                if (!(next instanceof BatchNorm || next instanceof Activation || next instanceof Dropout
                        || next instanceof Pool2d || next instanceof Flatten)) {
                    throw new IllegalArgumentException("structured pruning cannot remove units of " + layers.get(i).name()
                            + " through " + next);
                }
            }
        }
        return units;
    }
}
