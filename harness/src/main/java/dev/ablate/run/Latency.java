package dev.ablate.run;

import dev.ablate.metrics.latency.InferenceKernel;
import dev.ablate.metrics.latency.LatencySample;
import java.util.List;
import java.util.Optional;

/**
 * The measured inference times of a trial's final model (a LATENCY stage): every applicable kernel at every batch
 * size of {@code eval.latency}, and the kernel the model deploys with, whose times the {@code trials} row reports.
 *
 * @param kernel  the deployed kernel: integer-only int8 when the model converts, else the sparse kernel when its
 *                sparsity reaches the threshold, else fp32 dense
 * @param samples every kernel at every batch size
 */
public record Latency(String kernel, List<LatencySample> samples) {

    public Latency {
        samples = List.copyOf(samples);
    }

    /** The samples of a model's kernels, deployed with the integer-only kernel, else the sparse one, else dense. */
    public static Latency of(List<LatencySample> samples) {
        List<String> kernels = samples.stream().map(LatencySample::kernel).distinct().toList();
        String deployed = kernels.contains(InferenceKernel.INT8) ? InferenceKernel.INT8
                : kernels.contains(InferenceKernel.CSR) ? InferenceKernel.CSR : kernels.get(0);
        return new Latency(deployed, samples);
    }

    /** The deployed kernel's sample at {@code batch}, if that batch size was timed. */
    public Optional<LatencySample> deployed(int batch) {
        return samples.stream().filter(s -> s.kernel().equals(kernel) && s.batch() == batch).findFirst();
    }
}
