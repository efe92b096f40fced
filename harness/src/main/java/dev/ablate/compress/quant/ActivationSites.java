package dev.ablate.compress.quant;

import dev.ablate.nn.Conv2d;
import dev.ablate.nn.Dropout;
import dev.ablate.nn.Flatten;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.MaxPool2d;
import dev.ablate.nn.ReLU;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a statically quantized network quantizes its activations, shared by the simulation (fake-quant layers
 * inserted at these points) and by integer-only inference (requantization at these points), so that the two
 * agree. The rule follows Jacob et al. 2018 and torch.ao's fused {@code LinearReLU}/{@code ConvReLU2d}:
 * <ul>
 *   <li>the network input is a site;</li>
 *   <li>the output of every layer is a site unless the layer keeps its input's grid: {@link MaxPool2d},
 *       {@link Flatten}, {@link Dropout} (identity at inference) and {@link ReLU} (0 is always on the grid) do;</li>
 *   <li>a {@link Linear} or {@link Conv2d} directly followed by a {@link ReLU} is fused with it: the site is
 *       after the ReLU;</li>
 *   <li>the last weight layer's output (the logits) and anything after it is not quantized: integer inference
 *       dequantizes its int32 accumulators.</li>
 * </ul>
 * BatchNorm is expected to be folded first ({@link dev.ablate.nn.BatchNormFolding}); one that is not folded
 * gets a site after it like any other grid-changing layer.
 */
public final class ActivationSites {

    /** The position of the network input among the sites: "after layer -1". */
    public static final int INPUT = -1;

    private ActivationSites() {
    }

    /**
     * The sites of a layer sequence, as the index of the layer after which each one sits ({@link #INPUT} for
     * the network input), in increasing order.
     */
    public static int[] after(List<Layer> layers) {
        int last = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Linear || layers.get(i) instanceof Conv2d) {
                last = i;
            }
        }
        List<Integer> sites = new ArrayList<>();
        sites.add(INPUT);
        for (int i = 0; i < last; i++) {
            Layer l = layers.get(i);
            boolean keepsGrid = l instanceof MaxPool2d || l instanceof Flatten || l instanceof Dropout
                    || l instanceof ReLU;
            boolean fusedWithRelu = (l instanceof Linear || l instanceof Conv2d)
                    && i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU;
            if (fusedWithRelu) {
                sites.add(i + 1);
                i++;
            } else if (!keepsGrid) {
                sites.add(i);
            }
        }
        return sites.stream().mapToInt(Integer::intValue).toArray();
    }
}
