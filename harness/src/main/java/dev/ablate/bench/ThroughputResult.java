package dev.ablate.bench;

import java.util.Objects;

/**
 * Training throughput of one architecture, or why it was not measured.
 *
 * @param architecture    the name benchmarked, e.g. {@code lenet-5}
 * @param status          {@link Status#MEASURED}, or why there is no number
 * @param note            how the model was built or why it was skipped; empty when there is nothing to say
 * @param samplesPerSecond training examples per second of each timed repetition; {@code null} unless measured
 */
public record ThroughputResult(String architecture, Status status, String note, Repetitions samplesPerSecond) {

    /** Whether a throughput was measured. */
    public enum Status {
        /** Measured: {@code samplesPerSecond} is set. */
        MEASURED,
        /** The model zoo cannot build this architecture yet. */
        SKIPPED,
        /** Building or training threw; {@code note} has the message. */
        FAILED
    }

    /**
     * @throws IllegalArgumentException if {@code samplesPerSecond} is present exactly when not measured
     */
    public ThroughputResult {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(note, "note");
        if ((status == Status.MEASURED) != (samplesPerSecond != null)) {
            throw new IllegalArgumentException(architecture + ": status " + status + " with samplesPerSecond "
                    + samplesPerSecond);
        }
    }
}
