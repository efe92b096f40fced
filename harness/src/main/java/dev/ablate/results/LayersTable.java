package dev.ablate.results;

import static dev.ablate.results.Column.float64;
import static dev.ablate.results.Column.int32;
import static dev.ablate.results.Column.int64;
import static dev.ablate.results.Column.string;

import java.util.List;

/**
 * The {@code layers} table: one row per trial and weight layer (Linear, Conv2d) of its final
 * model, with what the layer costs (packed bytes, MACs, BOPs, energy), how it was quantized and, for layer-wise sensitivity trials ({@code compress.quantize.layerwise}), the test accuracy of
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
    /** The weights' number format, {@code fp32} when unquantized. */
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
    /** Multiply-accumulates of one example through the layer, zeros included. */
    public static final Column<Long> MACS = int64("macs");
    /** Those with a nonzero weight. */
    public static final Column<Long> MACS_EFFECTIVE = int64("macs_effective");
    /** Bits of the layer's input activations (32 when unquantized). */
    public static final Column<Integer> A_BITS = int32("a_bits");
    /** {@code macs_effective × bits × a_bits}. */
    public static final Column<Long> BOPS = int64("bops");
    /** Packed bytes of the weights with their quantization parameters and sparse index. */
    public static final Column<Long> PACKED_BYTES = int64("packed_bytes");
    /** How the weights are stored: {@code dense}, {@code bitmask} or {@code relative-index}. */
    public static final Column<String> ENCODING = string("encoding");
    /** Bits per relative index ({@code relative-index}), else 0. */
    public static final Column<Integer> INDEX_BITS = int32("index_bits");
    /** The cost model's energy of the layer per inference, picojoules. */
    public static final Column<Double> ENERGY_PJ = float64("energy_pj");
    /** Test accuracy with only this layer quantized (layer-wise trials), else null. */
    public static final Column<Double> ACCURACY_ALONE = float64("accuracy_alone");
    /** Accuracy of the unquantized input model minus {@link #ACCURACY_ALONE}. */
    public static final Column<Double> SENSITIVITY = float64("sensitivity");

    /** The table. */
    public static final TableSchema SCHEMA = new TableSchema("layers", List.of(EXPERIMENT, TRIAL_ID, LAYER, PARAMS,
            NONZERO, W_FORMAT, BITS, GRANULARITY, SCALE_MIN, SCALE_MAX, CLIPPED, WEIGHT_SQNR_DB, MACS, ACCURACY_ALONE,
            SENSITIVITY, MACS_EFFECTIVE, A_BITS, BOPS, PACKED_BYTES, ENCODING, INDEX_BITS, ENERGY_PJ));

    private LayersTable() {
    }
}
