package dev.ablate.spec;

import java.util.List;
import java.util.Objects;

/**
 * How a trial's final model is evaluated ({@code eval}).
 *
 * @param metrics   quality metrics to report
 * @param costModel the energy cost table: a built-in name ({@link SpecSchema#DEFAULT_COST_MODEL}) or the path of a
 *                  YAML table, relative to the working directory
 * @param latency   how to measure latency and throughput, or {@code null} ({@code latency: off})
 */
public record EvalConfig(List<String> metrics, String costModel, LatencyConfig latency) {

    public EvalConfig {
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(costModel, "costModel");
    }
}
