package dev.ablate.run;

import dev.ablate.metrics.latency.InferenceKernel;
import dev.ablate.metrics.latency.LatencySample;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The measured inference times of a trial's final model (a LATENCY stage): every applicable kernel at every batch
 * size of {@code eval.latency}. The {@code trials} row reports, per batch size, the kernel the model deploys with:
 * integer-only int8 when the model converts (the only kernel computing exactly its quantized activations), else the
 * faster of fp32 dense and CSR, which compute the same function.
 *
 * @param samples every kernel at every batch size
 */
public record Latency(List<LatencySample> samples) {

    public Latency {
        samples = List.copyOf(samples);
    }

    /** The deployed kernel's sample at {@code batch}, if that batch size was timed. */
    public Optional<LatencySample> deployed(int batch) {
        List<LatencySample> timed = samples.stream().filter(s -> s.batch() == batch).toList();
        Optional<LatencySample> int8 = timed.stream().filter(s -> s.kernel().equals(InferenceKernel.INT8)).findFirst();
        return int8.isPresent() ? int8 : timed.stream().min(Comparator.comparingDouble(LatencySample::medianMs));
    }
}
