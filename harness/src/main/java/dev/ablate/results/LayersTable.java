package dev.ablate.results;

import static dev.ablate.results.Column.float64;
import static dev.ablate.results.Column.int32;
import static dev.ablate.results.Column.int64;
import static dev.ablate.results.Column.string;

import java.util.List;

/**
 * The {@code layers} table (DESIGN.md §4): one row per trial and quantized weight layer, with how the layer was
 * quantized and, for layer-wise sensitivity trials ({@code compress.quantize.layerwise}), the test accuracy of
 * the model with only that layer quantized. {@code SELECT layer, bits, avg(sensitivity) FROM layers GROUP BY
 * ALL} ranks the layers by how much quantizing them alone costs.
 */
public final class LayersTable {

    public static final Column<String> EXPERIMENT = string("experiment");
    public static final Column<String> TRIAL_ID = string("trial_id");
    /** Layer name, e.g. {@code fc1}. */
    public static final Column<String> LAYER = string("layer");
    /** Weight parameters of the layer. */
    public static final Column<Long> PARAMS = int64("params");
    /** Weights that are not exactly zero after quantization. */
    public static final Column<Long> NONZERO = int64("nonzero");
    public static final Column<String> W_FORMAT = string("w_format");
    /** Bits per weight element. */
    public static final Column<Integer> BITS = int32("bits");
    public static final Column<String> GRANULARITY = string("granularity");
    /** Smallest scale (null for scale-free formats). */
    public static final Column<Double> SCALE_MIN = float64("scale_min");
    public static final Column<Double> SCALE_MAX = float64("scale_max");
    /** Weights saturated at the ends of the range. */
    public static final Column<Long> CLIPPED = int64("clipped");
    /** Signal-to-quantization-noise ratio of the weights, 10·log10(Σw² / Σ(w − q(w))²), in dB. */
    public static final Column<Double> WEIGHT_SQNR_DB = float64("weight_sqnr_db");
    /** Multiply-accumulates of one example through the layer. */
    public static final Column<Long> MACS = int64("macs");
    /** Test accuracy with only this layer quantized (layer-wise trials), else null. */
    public static final Column<Double> ACCURACY_ALONE = float64("accuracy_alone");
    /** Accuracy of the unquantized input model minus {@link #ACCURACY_ALONE}. */
    public static final Column<Double> SENSITIVITY = float64("sensitivity");

    /** The table. */
    public static final TableSchema SCHEMA = new TableSchema("layers", List.of(EXPERIMENT, TRIAL_ID, LAYER, PARAMS,
            NONZERO, W_FORMAT, BITS, GRANULARITY, SCALE_MIN, SCALE_MAX, CLIPPED, WEIGHT_SQNR_DB, MACS, ACCURACY_ALONE,
            SENSITIVITY));

    private LayersTable() {
    }
}
