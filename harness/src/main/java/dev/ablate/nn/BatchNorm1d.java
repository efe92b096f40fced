package dev.ablate.nn;

/**
 * {@code nn.BatchNorm1d(features)} over {@code [N, F]} batches: statistics per feature over the batch. See
 * {@link BatchNorm} for the semantics.
 */
public final class BatchNorm1d extends BatchNorm {

    /**
     * @throws IllegalArgumentException if features is below 1
     */
    public BatchNorm1d(String name, int features) {
        super(name, features, 1);
    }

    @Override
    BatchNorm1d withChannels(int features) {
        return new BatchNorm1d(name, features);
    }

    @Override
    public BatchNorm1d copy() {
        BatchNorm1d c = new BatchNorm1d(name, channels);
        c.copyStateFrom(this);
        return c;
    }

    @Override
    public String toString() {
        return "BatchNorm1d(" + name + ", " + channels + ")";
    }
}
