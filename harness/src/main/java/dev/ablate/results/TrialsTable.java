package dev.ablate.results;

import static dev.ablate.results.Column.float64;
import static dev.ablate.results.Column.int32;
import static dev.ablate.results.Column.int64;
import static dev.ablate.results.Column.string;
import static dev.ablate.results.Column.timestamp;

import java.time.Instant;
import java.util.List;

/**
 * The {@code trials} table: one row per trial. Columns are added, never renamed or retyped,
 * so old tables stay readable; a column a trial has no value for is null.
 */
public final class TrialsTable {

    // identity
    public static final Column<String> EXPERIMENT = string("experiment");
    public static final Column<String> TRIAL_ID = string("trial_id");
    public static final Column<String> RUN_ID = string("run_id");
    public static final Column<String> SPEC_HASH = string("spec_hash");
    public static final Column<Long> SEED = int64("seed");
    public static final Column<String> STATUS = string("status");
    public static final Column<String> ERROR = string("error");
    public static final Column<String> SWEEP_POINT = string("sweep_point");
    public static final Column<String> CONFIG = string("config");
    // axes
    public static final Column<String> DATASET = string("dataset");
    public static final Column<String> MODEL_ARCH = string("model_arch");
    public static final Column<Long> MODEL_PARAMS = int64("model_params");
    public static final Column<String> TECHNIQUE = string("technique");
    public static final Column<String> W_FORMAT = string("w_format");
    public static final Column<Integer> W_BITS = int32("w_bits");
    public static final Column<String> A_FORMAT = string("a_format");
    public static final Column<Integer> A_BITS = int32("a_bits");
    public static final Column<String> GRANULARITY = string("granularity");
    public static final Column<String> QUANT_METHOD = string("quant_method");
    public static final Column<String> CALIBRATION = string("calibration");
    public static final Column<Double> SPARSITY_TARGET = float64("sparsity_target");
    public static final Column<String> PRUNE_METHOD = string("prune_method");
    public static final Column<String> PRUNE_SCHEDULE = string("prune_schedule");
    public static final Column<Integer> FINETUNE_EPOCHS = int32("finetune_epochs");
    public static final Column<String> TEACHER_ARCH = string("teacher_arch");
    public static final Column<Double> TEMPERATURE = float64("temperature");
    public static final Column<Double> ALPHA = float64("alpha");
    public static final Column<String> TRAIN_PRECISION = string("train_precision");
    public static final Column<String> ROUNDING = string("rounding");
    // quality
    public static final Column<Double> ACCURACY = float64("accuracy");
    public static final Column<Double> ACCURACY_DEPLOYED = float64("accuracy_deployed");
    /** Fraction of test examples on which integer-only inference predicts the class the simulation predicts. */
    public static final Column<Double> DEPLOYED_AGREEMENT = float64("deployed_agreement");
    /** Test accuracy of a distillation step's teacher (or teacher ensemble). */
    public static final Column<Double> TEACHER_ACCURACY = float64("teacher_accuracy");
    public static final Column<Double> MACRO_F1 = float64("macro_f1");
    public static final Column<Double> NLL = float64("nll");
    public static final Column<Double> ECE = float64("ece");
    public static final Column<Double> BASELINE_ACCURACY = float64("baseline_accuracy");
    public static final Column<Double> ACCURACY_DROP = float64("accuracy_drop");
    public static final Column<Double> RELATIVE_DROP = float64("relative_drop");
    // efficiency
    public static final Column<Long> PARAMS_TOTAL = int64("params_total");
    public static final Column<Long> PARAMS_NONZERO = int64("params_nonzero");
    public static final Column<Double> SPARSITY = float64("sparsity");
    /** Packed size: values at their bit-width, scales, zero points, codebooks, the cheapest sparse index. */
    public static final Column<Long> MODEL_BYTES = int64("model_bytes");
    /** {@link #MODEL_BYTES} with values and index differences Huffman-coded (code tables included). */
    public static final Column<Long> MODEL_BYTES_CODED = int64("model_bytes_coded");
    /**
     * fp32 bytes of the uncompressed model the trial's model replaces (its fp32 baseline; a distilled student's
     * network teachers) over {@link #MODEL_BYTES}.
     */
    public static final Column<Double> COMPRESSION_RATIO = float64("compression_ratio");
    /** Multiply-accumulates of one example with a nonzero weight (what a sparse kernel executes). */
    public static final Column<Long> MACS = int64("macs");
    /** Multiply-accumulates of one example as the layers are shaped, zeros included. */
    public static final Column<Long> MACS_DENSE = int64("macs_dense");
    /** Bit operations: the sum over weight layers of {@code macs × weight bits × activation bits}. */
    public static final Column<Long> BOPS = int64("bops");
    /** The cost model's energy of one inference ({@code eval.cost_model}), picojoules. */
    public static final Column<Double> ENERGY_PJ = float64("energy_pj");
    /**
     * Median milliseconds of one batch-1 call of the kernel the model deploys with ({@link #LATENCY_KERNEL}):
     * integer-only int8 when it converts, else the faster of fp32 dense and CSR.
     */
    public static final Column<Double> LATENCY_MS_B1 = float64("latency_ms_b1");
    /** Examples per second at batch 64 (at the median time) of the kernel it deploys with there. */
    public static final Column<Double> THROUGHPUT_B64 = float64("throughput_b64");
    /** The kernel {@link #LATENCY_MS_B1} timed: {@code int8-integer}, {@code fp32-csr} or {@code fp32-dense/<BLAS>}. */
    public static final Column<String> LATENCY_KERNEL = string("latency_kernel");
    /** The kernel {@link #THROUGHPUT_B64} timed. */
    public static final Column<String> THROUGHPUT_KERNEL = string("throughput_kernel");
    // cost of the experiment
    public static final Column<Double> TRAIN_SECONDS = float64("train_seconds");
    public static final Column<Double> COMPRESS_SECONDS = float64("compress_seconds");
    public static final Column<Double> EVAL_SECONDS = float64("eval_seconds");
    // provenance
    public static final Column<String> HARNESS_VERSION = string("harness_version");
    public static final Column<String> GIT_COMMIT = string("git_commit");
    public static final Column<String> JAVA_VERSION = string("java_version");
    public static final Column<String> BLAS = string("blas");
    public static final Column<String> SPARK_MASTER = string("spark_master");
    public static final Column<String> EXECUTOR = string("executor");
    public static final Column<String> HOST = string("host");
    public static final Column<Instant> STARTED_AT = timestamp("started_at");
    public static final Column<Instant> FINISHED_AT = timestamp("finished_at");
    public static final Column<String> DATASET_FINGERPRINT = string("dataset_fingerprint");

    /** The table, columns in the order above. */
    public static final TableSchema SCHEMA = new TableSchema("trials", List.of(
            EXPERIMENT, TRIAL_ID, RUN_ID, SPEC_HASH, SEED, STATUS, ERROR, SWEEP_POINT, CONFIG,
            DATASET, MODEL_ARCH, MODEL_PARAMS, TECHNIQUE, W_FORMAT, W_BITS, A_FORMAT, A_BITS, GRANULARITY,
            QUANT_METHOD, CALIBRATION, SPARSITY_TARGET, PRUNE_METHOD, PRUNE_SCHEDULE, TEACHER_ARCH, TEMPERATURE,
            ALPHA, TRAIN_PRECISION, ROUNDING,
            ACCURACY, ACCURACY_DEPLOYED, MACRO_F1, NLL, ECE, BASELINE_ACCURACY, ACCURACY_DROP, RELATIVE_DROP,
            PARAMS_TOTAL, PARAMS_NONZERO, SPARSITY, MODEL_BYTES, COMPRESSION_RATIO, MACS, BOPS, ENERGY_PJ,
            LATENCY_MS_B1, THROUGHPUT_B64,
            TRAIN_SECONDS, COMPRESS_SECONDS, EVAL_SECONDS,
            HARNESS_VERSION, GIT_COMMIT, JAVA_VERSION, BLAS, SPARK_MASTER, EXECUTOR, HOST, STARTED_AT, FINISHED_AT,
            DATASET_FINGERPRINT,
            // added after the first list of columns: the fine-tuning that follows pruning or QAT changes its outcome;
            // how often the deployed integer model agrees with the simulated one; what the student's teacher scored
            FINETUNE_EPOCHS, DEPLOYED_AGREEMENT, TEACHER_ACCURACY,
            // the efficiency accounting's additions: the coded size, dense MACs and what the latency timed
            MODEL_BYTES_CODED, MACS_DENSE, LATENCY_KERNEL, THROUGHPUT_KERNEL));

    /** Status of a trial that completed. */
    public static final String OK = "ok";
    /** Status of a trial that threw. */
    public static final String FAILED = "failed";
    /** Status of a trial whose training loss became NaN or infinite. */
    public static final String DIVERGED = "diverged";

    private TrialsTable() {
    }
}
