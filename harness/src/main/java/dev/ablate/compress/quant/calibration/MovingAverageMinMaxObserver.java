package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QuantScheme;

import java.util.ArrayList;
import java.util.List;

/**
 * torch.ao's {@code MovingAverageMinMaxObserver} (per tensor) and
 * {@code MovingAveragePerChannelMinMaxObserver(ch_axis=0)} (per channel) of PyTorch 1.13, in float32 exactly:
 * <pre>
 *   first batch:  run_min = min(batch);  run_max = max(batch)
 *   later:        run_min = fl32(run_min + fl32(c * fl32(min(batch) - run_min)))   (run_max likewise)
 * </pre>
 * with {@code c} the averaging constant, then the MinMax formula on {@code (run_min, run_max)}. Channels split
 * as in {@link MinMaxObserver}. Not thread-safe.
 */
public final class MovingAverageMinMaxObserver extends GridObserver {

    /** torch.ao's default averaging constant. */
    public static final float DEFAULT_AVERAGING_CONSTANT = 0.01f;

    private final float averagingConstant;
    private final float[] runMin;
    private final float[] runMax;
    private boolean observed;

    /**
     * @param scheme            the quantization scheme
     * @param bits              bit width, valid for {@code scheme}
     * @param channels          1 per tensor, else the size of axis 0
     * @param averagingConstant weight of each new batch, in {@code (0, 1]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public MovingAverageMinMaxObserver(QuantScheme scheme, int bits, int channels, float averagingConstant) {
        super(scheme, bits);
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        if (!(averagingConstant > 0 && averagingConstant <= 1)) {
            throw new IllegalArgumentException("averaging constant must be in (0, 1], got " + averagingConstant);
        }
        this.averagingConstant = averagingConstant;
        this.runMin = new float[channels];
        this.runMax = new float[channels];
    }

    /** Moves the running min/max towards this batch's; the length must be a non-zero multiple of the channels. */
    @Override
    public MovingAverageMinMaxObserver observe(float[] x) {
        MinMaxObserver batch = MinMaxObserver.perChannel(scheme, bits, runMin.length).observe(x);
        float[] lo = batch.observedMin();
        float[] hi = batch.observedMax();
        for (int c = 0; c < runMin.length; c++) {
            if (observed) {
                runMin[c] = runMin[c] + averagingConstant * (lo[c] - runMin[c]);
                runMax[c] = runMax[c] + averagingConstant * (hi[c] - runMax[c]);
            } else {
                runMin[c] = lo[c];
                runMax[c] = hi[c];
            }
        }
        observed = true;
        return this;
    }

    /** The running (min, max) of each channel. */
    @Override
    public List<ClipRange> clipRanges() {
        if (!observed) {
            throw new IllegalStateException("calculateQParams before any observe");
        }
        List<ClipRange> out = new ArrayList<>(runMin.length);
        for (int c = 0; c < runMin.length; c++) {
            out.add(new ClipRange(runMin[c], runMax[c]));
        }
        return out;
    }
}
