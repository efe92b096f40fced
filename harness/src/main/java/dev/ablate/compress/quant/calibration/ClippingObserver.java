package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;

import java.util.List;

/**
 * An observer that chooses a clipping range per channel and gets its {@link QParams} from the MinMax formula
 * ({@link MinMaxObserver#qparams}) applied to that range, as torch.ao's range-based observers do.
 */
public interface ClippingObserver extends Observer {

    /** The quantization scheme the parameters are for. */
    QuantScheme scheme();

    /**
     * The chosen clipping range of each channel (one entry per tensor).
     *
     * @throws IllegalStateException if nothing was observed
     */
    List<ClipRange> clipRanges();

    /** {@inheritDoc} The MinMax formula applied to {@link #clipRanges()}. */
    @Override
    default QParams calculateQParams() {
        List<ClipRange> ranges = clipRanges();
        float[] min = new float[ranges.size()];
        float[] max = new float[ranges.size()];
        for (int c = 0; c < min.length; c++) {
            min[c] = ranges.get(c).min();
            max[c] = ranges.get(c).max();
        }
        return MinMaxObserver.qparams(scheme(), range(), min, max);
    }
}
