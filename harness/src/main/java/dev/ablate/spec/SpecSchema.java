package dev.ablate.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schema of the spec language (DESIGN.md §3): the keys a trial config and a dataset block may hold,
 * their types, ranges and defaults. Values listed here are the ones the harness implements; a value
 * outside a {@link SchemaNode.Choice} is rejected rather than silently ignored.
 */
public final class SpecSchema {

    /** Registry names of the datasets. */
    public static final List<String> DATASETS = List.of("fashion-mnist", "fashion-mnist-mini", "csv", "synthetic");

    /** Metrics {@code eval.metrics} may list. */
    public static final List<String> METRICS = List.of("accuracy", "macro_f1", "nll", "ece");

    /** Experiment names: they name a results folder. */
    public static final Pattern EXPERIMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /** The resolved config of one trial: {@code model}, {@code train}, {@code compress}, {@code eval}. */
    public static final SchemaNode.Obj TRIAL = obj(false,
            "model", obj(false,
                    "arch", new SchemaNode.Choice(List.of("mlp"), "mlp"),
                    "hidden", new SchemaNode.ListOf(new SchemaNode.Int(1, 1 << 16, null), 0, ints(300, 100)),
                    "activation", new SchemaNode.Choice(List.of("relu"), "relu")),
            "train", obj(false,
                    "epochs", new SchemaNode.Int(0, 10_000, 10L),
                    "batch", new SchemaNode.Int(1, 1 << 20, 64L),
                    "optimizer", new SchemaNode.Choice(List.of("sgd"), "sgd"),
                    "lr", new SchemaNode.Real(0, true, Double.MAX_VALUE, false, 0.05),
                    "momentum", new SchemaNode.Real(0, false, 1, true, 0.9),
                    "weight_decay", new SchemaNode.Real(0, false, 1, false, 0.0)),
            "compress", obj(false,
                    "prune", obj(true,
                            "criterion", new SchemaNode.Choice(List.of("magnitude"), "magnitude"),
                            "scope", new SchemaNode.Choice(List.of("global"), "global"),
                            "structure", new SchemaNode.Choice(List.of("unstructured"), "unstructured"),
                            "sparsity", new SchemaNode.Real(0, false, 1, true, null),
                            "schedule", new SchemaNode.Choice(List.of("one-shot"), "one-shot"),
                            "finetune_epochs", new SchemaNode.Int(0, 10_000, 0L)),
                    "quantize", obj(true,
                            "method", new SchemaNode.Choice(List.of("ptq"), "ptq"),
                            "weights", obj(false,
                                    "format", new SchemaNode.Choice(List.of("int"), "int"),
                                    "bits", new SchemaNode.Int(2, 16, 8L),
                                    "symmetric", new SchemaNode.Bool(true),
                                    "granularity", new SchemaNode.Choice(List.of("per-tensor", "per-channel"),
                                            "per-channel")))),
            "eval", obj(false,
                    "metrics", new SchemaNode.ListOf(new SchemaNode.Choice(METRICS, null), 1, strings(METRICS))));

    /** The {@code dataset:} block; which keys apply depends on {@code name} (see {@link SpecLoader}). */
    public static final SchemaNode.Obj DATASET = obj(false,
            "name", new SchemaNode.Choice(DATASETS, null),
            "validation", new SchemaNode.Int(0, Integer.MAX_VALUE, 0L),
            "path", new SchemaNode.Text(Pattern.compile(".+"), "a file path", ""),
            "label", new SchemaNode.Text(Pattern.compile(".+"), "a column name", ""),
            "test_fraction", new SchemaNode.Real(0, true, 1, true, 0.2),
            "train_size", new SchemaNode.Int(1, Integer.MAX_VALUE, 1000L),
            "test_size", new SchemaNode.Int(1, Integer.MAX_VALUE, 200L),
            "features", new SchemaNode.Int(1, 1 << 20, 16L),
            "classes", new SchemaNode.Int(2, 1 << 16, 4L),
            "seed", new SchemaNode.Int(0, Long.MAX_VALUE, 0L));

    /** Dataset keys that only some datasets take. */
    static final Map<String, List<String>> DATASET_KEYS_BY_NAME = Map.of(
            "csv", List.of("path", "label", "test_fraction", "seed"),
            "synthetic", List.of("train_size", "test_size", "features", "classes", "seed"));

    private SpecSchema() {
    }

    private static SchemaNode.Obj obj(boolean nullable, Object... keyValues) {
        Map<String, SchemaNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], (SchemaNode) keyValues[i + 1]);
        }
        return new SchemaNode.Obj(fields, nullable);
    }

    private static ArrayNode ints(int... values) {
        ArrayNode a = SchemaNode.JSON.arrayNode();
        for (int v : values) {
            a.add((long) v);
        }
        return a;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = SchemaNode.JSON.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
