package dev.ablate.nn;

/**
 * Training produced a NaN or infinite loss, or left a parameter NaN or infinite. Unchecked: the run layer records
 * the trial as {@code diverged}.
 */
public final class DivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;
    private final double loss;

    /**
     * @param epoch 1-based epoch
     * @param step  1-based mini-batch within the epoch
     * @param loss  the non-finite loss
     */
    public DivergedException(int epoch, int step, double loss) {
        this("training diverged: loss " + loss + " at epoch " + epoch + ", step " + step, epoch, step, loss);
    }

    /**
     * A parameter that is no longer finite at the end of an epoch whose losses all were (an update blew up after
     * the last loss was computed, or a part of the network no input reaches).
     *
     * @param epoch     1-based epoch
     * @param parameter the parameter's name
     * @param index     the flat index of its first non-finite value
     * @param value     that value
     */
    public DivergedException(int epoch, String parameter, int index, float value) {
        this("training diverged: " + parameter + "[" + index + "] = " + value + " after epoch " + epoch, epoch, 0,
                Double.NaN);
    }

    private DivergedException(String message, int epoch, int step, double loss) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** 1-based epoch in which the loss became non-finite. */
    public int epoch() {
        return epoch;
    }

    /** 1-based mini-batch within that epoch (0 when a parameter, not the loss, stopped being finite). */
    public int step() {
        return step;
    }

    /** The non-finite loss value (NaN when a parameter, not the loss, stopped being finite). */
    public double loss() {
        return loss;
    }
}
