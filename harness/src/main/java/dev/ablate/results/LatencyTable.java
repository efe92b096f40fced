package dev.ablate.results;

import static dev.ablate.results.Column.float64;
import static dev.ablate.results.Column.int32;
import static dev.ablate.results.Column.string;

import java.util.List;

/**
 * The {@code latency} table: one row per trial, inference kernel and batch size that its LATENCY stage timed
 * ({@code eval.latency}). The {@code trials} row reports the batch-1 latency and batch-64 throughput of the
 * kernel the model deploys with ({@code latency_kernel}, {@code throughput_kernel}); this table holds every
 * kernel, so {@code SELECT kernel, batch, median(median_ms) FROM latency GROUP BY ALL} compares fp32 dense, sparse
 * and integer-only execution of the same models.
 */
public final class LatencyTable {

    public static final Column<String> EXPERIMENT = string("experiment");
    public static final Column<String> TRIAL_ID = string("trial_id");
    /** {@code fp32-dense/<BLAS>}, {@code fp32-csr} or {@code int8-integer}. */
    public static final Column<String> KERNEL = string("kernel");
    /** Examples per call. */
    public static final Column<Integer> BATCH = int32("batch");
    /** Median over the repetitions of the milliseconds per call. */
    public static final Column<Double> MEDIAN_MS = float64("median_ms");
    public static final Column<Double> MIN_MS = float64("min_ms");
    public static final Column<Double> MAX_MS = float64("max_ms");
    /** Timed repetitions. */
    public static final Column<Integer> REPS = int32("reps");
    /** Examples per second at the median: {@code batch / median seconds}. */
    public static final Column<Double> THROUGHPUT = float64("throughput");
    /** Host the stage ran on. */
    public static final Column<String> HOST = string("host");

    /** The table. */
    public static final TableSchema SCHEMA = new TableSchema("latency", List.of(EXPERIMENT, TRIAL_ID, KERNEL, BATCH, MEDIAN_MS, MIN_MS, MAX_MS, REPS, THROUGHPUT, HOST));

    private LatencyTable() {
    }
}
