package dev.ablate.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Everything one {@code ./ablate bench} run measured, with the ratios it reports. Immutable.
 *
 * @param settings          what was asked for
 * @param environment       where it ran
 * @param unavailableBlas   per BLAS candidate that could not run here, why
 * @param gemm              per (shape, available implementation), GFLOPS and fraction of the best
 * @param training          per architecture, the engine's training throughput or why there is none
 * @param pytorch           the PyTorch reference's throughput or why there is none
 */
public record BenchReport(BenchSettings settings, BenchEnvironment environment, Map<String, String> unavailableBlas,
                          List<GemmResult> gemm, List<ThroughputResult> training, PytorchResult pytorch) {

    public BenchReport {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(environment, "environment");
        unavailableBlas = Map.copyOf(unavailableBlas);
        gemm = List.copyOf(gemm);
        training = List.copyOf(training);
        Objects.requireNonNull(pytorch, "pytorch");
    }

    /** The engine's implementation's rows, one per shape. */
    public List<GemmResult> engineGemm() {
        return gemm.stream().filter(GemmResult::engine).toList();
    }

    /** Geometric mean over the shapes of the engine's fraction of the best implementation; empty without shapes. */
    public OptionalDouble engineFractionGeomean() {
        List<GemmResult> rows = engineGemm();
        if (rows.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.exp(rows.stream().mapToDouble(r -> Math.log(r.fractionOfBest())).average()
                .orElseThrow()));
    }

    /**
     * The engine's median training throughput over PyTorch's for one architecture; empty unless both were measured.
     * Above 1 means the engine trains faster.
     */
    public OptionalDouble ratioToPytorch(String architecture) {
        Repetitions reference = pytorch.samplesPerSecond().get(architecture);
        return training.stream()
                .filter(t -> t.architecture().equals(architecture) && t.samplesPerSecond() != null && reference != null)
                .mapToDouble(t -> t.samplesPerSecond().median() / reference.median())
                .findFirst();
    }
}
