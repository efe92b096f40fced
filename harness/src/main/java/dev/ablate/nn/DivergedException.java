package dev.ablate.nn;

/**
 * Training produced a NaN or infinite loss. Unchecked: the run layer records the trial as {@code diverged}.
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
        super("training diverged: loss " + loss + " at epoch " + epoch + ", step " + step);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** 1-based epoch in which the loss became non-finite. */
    public int epoch() {
        return epoch;
    }

    /** 1-based mini-batch within that epoch. */
    public int step() {
        return step;
    }

    /** The non-finite loss value. */
    public double loss() {
        return loss;
    }
}
