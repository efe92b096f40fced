package dev.ablate.bench;

import java.util.Map;
import java.util.Objects;

/**
 * What the PyTorch reference run gave: throughput per model, or why there is none.
 *
 * @param status           {@link Status#MEASURED} or why not
 * @param message          the interpreter and torch version when measured; otherwise what went wrong and how to fix it
 * @param torchVersion     {@code torch.__version__}, empty when unknown
 * @param threads          {@code torch.get_num_threads()} during the run; 0 when unknown
 * @param samplesPerSecond per model name, the repetitions' examples per second; empty unless measured
 */
public record PytorchResult(Status status, String message, String torchVersion, int threads,
                            Map<String, Repetitions> samplesPerSecond) {

    /** Whether the reference ran. */
    public enum Status {
        /** The script ran and reported every requested model. */
        MEASURED,
        /** Not requested (e.g. the quick test run). */
        DISABLED,
        /** No interpreter with {@code torch}, or the script is missing. */
        UNAVAILABLE,
        /** The script ran but failed or printed something unreadable. */
        FAILED
    }

    public PytorchResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(torchVersion, "torchVersion");
        samplesPerSecond = Map.copyOf(samplesPerSecond);
    }

    /** A result with no numbers. */
    public static PytorchResult without(Status status, String message) {
        if (status == Status.MEASURED) {
            throw new IllegalArgumentException("a MEASURED result needs numbers: " + message);
        }
        return new PytorchResult(status, message, "", 0, Map.of());
    }
}
