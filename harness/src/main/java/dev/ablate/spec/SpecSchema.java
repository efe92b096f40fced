package dev.ablate.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schema of the spec language: the keys a trial config and a dataset block may hold,
 * their types, ranges and defaults. Values listed here are the ones the harness implements; a value
 * outside a {@link SchemaNode.Choice} is rejected rather than silently ignored.
 */
public final class SpecSchema {

    /** The libraries' descriptors of every axis; first, as the schema below is built from it. */
    private static final Vocabulary VOCABULARY = Vocabulary.installed();

    /** Registry names of the datasets. */
    public static final List<String> DATASETS = List.of("fashion-mnist", "fashion-mnist-mini", "csv", "synthetic");

    /** Metrics {@code eval.metrics} may list. */
    public static final List<String> METRICS = List.of("accuracy", "macro_f1", "nll", "ece");

    /** The cost table {@code eval.cost_model} names when absent: Horowitz, ISSCC 2014, 45 nm. */
    public static final String DEFAULT_COST_MODEL = "horowitz-45nm";

    /** What {@code eval.cost_model} may be: a built-in table's name or a path to a YAML file. */
    public static final Pattern COST_MODEL = Pattern.compile(DEFAULT_COST_MODEL + "|.+\\.ya?ml");

    public static final List<String> ROUNDINGS = List.of("nearest-even", "stochastic");

    /** Granularities of quantization scales; {@code none} only for the raw scaled float formats. */
    private static final List<String> GRANULARITIES = Arrays.stream(Granularity.values()).map(Granularity::specName)
            .toList();


    /** Layer names as the model zoo gives them. */
    public static final Pattern LAYER_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Experiment names: they name a results folder. */
    public static final Pattern EXPERIMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /** How a model is trained; the trial's own {@code train} also takes {@code precision}. */
    private static final SchemaNode.Obj TRAIN = obj(false,
            "epochs", new SchemaNode.Int(0, 10_000, 10L),
            "batch", new SchemaNode.Int(1, 1 << 20, 64L),
            "optimizer", Axis.OPTIMIZER,
            "lr", new SchemaNode.Real(0, true, Double.MAX_VALUE, false, 0.05),
            "weight_decay", new SchemaNode.Real(0, false, 1, false, 0.0),
            "schedule", obj(false,
                    "name", new SchemaNode.Choice(List.of("none", "step", "cosine"), "none"),
                    "step_size", new SchemaNode.Int(1, 10_000, 30L),
                    "gamma", new SchemaNode.Real(0, true, 1, false, 0.1),
                    "warmup_epochs", new SchemaNode.Int(0, 10_000, 0L),
                    "min_lr", new SchemaNode.Real(0, false, Double.MAX_VALUE, false, 0.0)),
            "clip_grad_norm", new SchemaNode.Real(0, false, Double.MAX_VALUE, false, 0.0),
            "early_stopping", obj(true,
                    "patience", new SchemaNode.Int(1, 10_000, 3L),
                    "monitor", new SchemaNode.Choice(List.of("val_loss", "val_accuracy"), "val_loss"),
                    "min_delta", new SchemaNode.Real(0, false, Double.MAX_VALUE, false, 0.0)));

    private static final SchemaNode.Obj PRECISION = obj(true,
                    "weights", Axis.TRAINING_FORMAT,
                    "activations", Axis.TRAINING_FORMAT,
                    "gradients", Axis.TRAINING_FORMAT,
                    "rounding", new SchemaNode.Choice(ROUNDINGS, "nearest-even"),
                    "master_weights", new SchemaNode.Bool(true),
                    "loss_scaling", new SchemaNode.Choice(List.of("none", "static", "dynamic"), "none"),
                    "loss_scale", new SchemaNode.Real(0, true, 1e30, false, 65536.0),
                    "growth_interval", new SchemaNode.Int(1, 1 << 30, 2000L));

    /** A teacher of {@code compress.distill}: any zoo network or a tree ensemble, with its own training. */
    private static final SchemaNode.Obj TEACHER = obj(false,
            "model", model(Axis.ARCHITECTURE, Axis.TEACHER_ARCHITECTURE),
            "train", TRAIN);

    private static final SchemaNode.Obj KD = obj(true,
            "temperature", new SchemaNode.Real(0, true, 1000, false, 4.0),
            "alpha", new SchemaNode.Real(0, false, 1, false, 0.9));

    /** The resolved config of one trial: {@code model}, {@code train}, {@code compress}, {@code eval}. */
    public static final SchemaNode.Obj TRIAL = obj(false,
            "model", model(Axis.ARCHITECTURE),
            "train", with(TRAIN, "precision", PRECISION),
            "compress", obj(false,
                    "distill", obj(true,
                            "teacher", TEACHER,
                            "ensemble", new SchemaNode.ListOf(TEACHER, 0, 16, SchemaNode.JSON.arrayNode()),
                            "temperature", new SchemaNode.Real(0, true, 1000, false, 4.0),
                            "alpha", new SchemaNode.Real(0, false, 1, false, 0.9)),
                    "prune", obj(true,
                            "criterion", Axis.PRUNE_CRITERION,
                            "scope", new SchemaNode.Choice(List.of("layer", "global"), "global"),
                            "structure", Axis.PRUNE_STRUCTURE,
                            "sparsity", new SchemaNode.Real(0, false, 1, true, null),
                            "layers", new SchemaNode.MapOf(LAYER_NAME, "a layer name (fc1, conv2, …)",
                                    new SchemaNode.Real(0, false, 1, true, null)),
                            "schedule", Axis.PRUNE_SCHEDULE,
                            "finetune_epochs", new SchemaNode.Int(0, 10_000, 0L),
                            "distill", KD),
                    "quantize", obj(true,
                            "method", new SchemaNode.Choice(List.of("ptq", "qat"), "ptq"),
                            "weights", obj(false, "format", Axis.WEIGHT_FORMAT),
                            "activations", obj(true,
                                    "format", Axis.ACTIVATION_FORMAT,
                                    "calibration", obj(false,
                                            "method", Axis.ACTIVATION_CALIBRATION,
                                            "batches", new SchemaNode.Int(1, 1 << 20, 32L))),
                            "fold_bn", new SchemaNode.Bool(true),
                            "equalize", new SchemaNode.Bool(false),
                            "bias_correction", new SchemaNode.Bool(false),
                            "first_last_bits", new SchemaNode.Int(0, 16, 0L),
                            "layers", new SchemaNode.MapOf(LAYER_NAME, "a layer name (fc1, conv2, …)", obj(false,
                                    "format", new SchemaNode.Choice(VOCABULARY.names(Axis.WEIGHT_FORMAT), null),
                                    "bits", new SchemaNode.Int(1, 16, null),
                                    "symmetric", new SchemaNode.Bool(null),
                                    "granularity", new SchemaNode.Choice(GRANULARITIES, null))),
                            "mixed_precision", obj(true,
                                    "budget", new SchemaNode.Real(0, true, 1, false, null),
                                    "candidates", new SchemaNode.ListOf(new SchemaNode.Int(1, 16, null), 1, 16,
                                            ints(2, 4, 8))),
                            "qat", obj(false,
                                    "epochs", new SchemaNode.Int(0, 10_000, 2L),
                                    "lr", new SchemaNode.Real(0, true, Double.MAX_VALUE, false, 0.01),
                                    "lsq", new SchemaNode.Bool(false),
                                    "freeze_bn_epochs", new SchemaNode.Int(0, 10_000, 0L),
                                    "distill", KD),
                            "deploy", new SchemaNode.Bool(true),
                            "layerwise", new SchemaNode.Bool(false))),
            "eval", obj(false,
                    "metrics", new SchemaNode.ListOf(new SchemaNode.Choice(METRICS, null), 1, METRICS.size(),
                            strings(METRICS)),
                    "cost_model", new SchemaNode.Text(COST_MODEL, "a built-in cost table (" + DEFAULT_COST_MODEL
                            + ") or the path of a cost table YAML file", DEFAULT_COST_MODEL),
                    "latency", onByDefault(obj(true,
                            "batch", new SchemaNode.ListOf(new SchemaNode.Int(1, 1 << 16, null), 1, 16, ints(1, 64)),
                            "reps", new SchemaNode.Int(3, 1000, 15L),
                            // a second: the JIT compiles the kernels first (a cold int8 kernel took 300 ms a call)
                            "warmup_ms", new SchemaNode.Int(0, 600_000, 1000L),
                            "min_rep_ms", new SchemaNode.Int(1, 60_000, 20L),
                            "sparse_threshold", new SchemaNode.Real(0, false, 1, false, 0.9)))));

    /**
     * Keys that apply only for some values of a sibling key (mlp widths only to {@code arch: mlp}, momentum
     * only to {@code optimizer: sgd}, …). The planner drops the inapplicable ones from a resolved config, so
     * they can be swept or set in {@code base} freely, and configs that differ only in keys without effect
     * are the same trial.
     */
    public static final List<Variants> VARIANTS = variants();

    private static List<Variants> variants() {
        List<Variants> v = new ArrayList<>();
        for (String at : List.of("", "compress.distill.teacher.", "compress.distill.ensemble.")) {
            v.add(axisVariants(at + "model", "arch", Axis.ARCHITECTURE, Axis.TEACHER_ARCHITECTURE));
            v.add(axisVariants(at + "train", "optimizer", Axis.OPTIMIZER));
        }
        v.add(new Variants("train.precision", "loss_scaling", Map.of("static", List.of("loss_scale"),
                "dynamic", List.of("loss_scale", "growth_interval"))));
        v.add(axisVariants("compress.prune", "schedule", Axis.PRUNE_SCHEDULE));
        v.add(axisVariants("compress.prune", "criterion", Axis.PRUNE_CRITERION));
        v.add(axisVariants("compress.prune", "structure", Axis.PRUNE_STRUCTURE));
        v.addAll(List.of(
            new Variants("compress.quantize", "method", Map.of("qat", List.of("qat"), "ptq", List.of("bias_correction"))),
            axisVariants("compress.quantize.weights", "format", Axis.WEIGHT_FORMAT),
            // granularity none (the raw fp8/fp4 grid) has no scales to calibrate
            new Variants("compress.quantize.weights", "granularity", Map.of(
                    "per-group", List.of("group_size", "calibration", "percentile", "power_of_two"),
                    "per-tensor", List.of("calibration", "percentile", "power_of_two"),
                    "per-channel", List.of("calibration", "percentile", "power_of_two"))),
            axisVariants("compress.quantize.weights", "calibration", Axis.WEIGHT_CALIBRATION),
            axisVariants("compress.quantize.activations", "format", Axis.ACTIVATION_FORMAT),
            axisVariants("compress.quantize.activations.calibration", "method", Axis.ACTIVATION_CALIBRATION)));
        return List.copyOf(v);
    }

    /** The variants of an axis key: each descriptor's own keys apply only when it is chosen. */
    private static Variants axisVariants(String path, String discriminator, Axis... axes) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Axis axis : axes) {
            for (Descriptor d : VOCABULARY.descriptors(axis)) {
                if (!d.keys().isEmpty()) {
                    if (!d.pattern().equals(Pattern.quote(d.specName()))) {
                        throw new IllegalStateException(axis + " '" + d.specName() + "' is a parametric family with "
                                + "keys of its own, which variants cannot express");
                    }
                    keys.put(d.specName(), List.copyOf(d.keys().keySet()));
                }
            }
        }
        return new Variants(path, discriminator, keys);
    }

    /**
     * Keys of the object at {@code path} that apply only for some values of its {@code discriminator} key.
     * Variants are applied in list order, so a key dropped by one (e.g. {@code granularity} for {@code fp16})
     * counts as absent for the next: then every key listed by the later variant is dropped too.
     *
     * @param path          dotted path of the object; variants of an object that is null (a step that is off)
     *                      do nothing
     * @param discriminator the key whose value decides
     * @param keysByValue   for each value that has its own keys, those keys; every key listed for some value
     *                      is dropped when the discriminator has another value or is absent
     */
    public record Variants(String path, String discriminator, Map<String, List<String>> keysByValue) {
        /** Whether {@code key} applies when the discriminator is {@code value} ({@code null}: absent). */
        public boolean applies(String key, String value) {
            boolean variantKey = keysByValue.values().stream().anyMatch(keys -> keys.contains(key));
            return !variantKey || value != null && keysByValue.getOrDefault(value, List.of()).contains(key);
        }
    }

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

    /**
     * An object of the given keys in order. A key whose value is an {@link Axis} takes the axis's values, and is
     * followed by the keys its descriptors declare (see {@link #axisKeys}).
     */
    private static SchemaNode.Obj obj(boolean nullable, Object... keyValues) {
        Map<String, SchemaNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            if (keyValues[i + 1] instanceof Axis axis) {
                fields.put(key, axisNode(axis));
                fields.putAll(axisKeys(axis));
            } else {
                fields.put(key, (SchemaNode) keyValues[i + 1]);
            }
        }
        return new SchemaNode.Obj(fields, nullable);
    }

    /**
     * The values of some axes: a choice of their spellings, or text matching one of their patterns when a
     * descriptor is a parametric family ({@code N:M}, {@code fixed<word,frac>}). The default is the first axis's.
     */
    private static SchemaNode axisNode(Axis... axes) {
        List<Descriptor> all = new ArrayList<>();
        for (Axis axis : axes) {
            all.addAll(VOCABULARY.descriptors(axis));
        }
        List<String> names = all.stream().map(Descriptor::specName).toList();
        String dflt = axes[0].defaultValue();
        if (all.stream().allMatch(d -> d.pattern().equals(Pattern.quote(d.specName())))) {
            return new SchemaNode.Choice(names, dflt);
        }
        String pattern = String.join("|", all.stream().map(Descriptor::pattern).toList());
        String described = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return new SchemaNode.Text(Pattern.compile(pattern), described, dflt);
    }

    /**
     * The union of the keys the descriptors of some axes declare, in order of first declaration.
     *
     * @throws IllegalStateException when two descriptors declare one key with different schemas
     */
    private static Map<String, SchemaNode> axisKeys(Axis... axes) {
        Map<String, SchemaNode> keys = new LinkedHashMap<>();
        for (Axis axis : axes) {
            for (Descriptor d : VOCABULARY.descriptors(axis)) {
                d.keys().forEach((key, node) -> {
                    SchemaNode before = keys.putIfAbsent(key, node);
                    if (before != null && !before.equals(node)) {
                        throw new IllegalStateException(axis + " '" + d.specName() + "' declares key '" + key
                                + "' as " + node.expected() + ", another value as " + before.expected());
                    }
                });
            }
        }
        return keys;
    }

    /** {@code o} on with its defaults when absent; still switched off by {@code off}. */
    private static SchemaNode.Obj onByDefault(SchemaNode.Obj o) {
        return new SchemaNode.Obj(o.fields(), true, true);
    }

    private static SchemaNode.Obj with(SchemaNode.Obj base, String key, SchemaNode value) {
        Map<String, SchemaNode> fields = new LinkedHashMap<>(base.fields());
        fields.put(key, value);
        return new SchemaNode.Obj(fields, base.nullable());
    }

    private static SchemaNode.Obj model(Axis... architectures) {
        Map<String, SchemaNode> fields = new LinkedHashMap<>();
        fields.put("arch", axisNode(architectures));
        fields.putAll(axisKeys(Axis.ARCHITECTURE, Axis.TEACHER_ARCHITECTURE));
        return new SchemaNode.Obj(fields, false);
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
