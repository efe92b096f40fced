package dev.ablate.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
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

    /** Architectures of the model zoo. */
    public static final List<String> ARCHITECTURES = List.of("logreg", "mlp", "lenet-300-100", "lenet-5", "cnn-bn");

    /** Registry names of the datasets. */
    public static final List<String> DATASETS = List.of("fashion-mnist", "fashion-mnist-mini", "csv", "synthetic");

    /** Metrics {@code eval.metrics} may list. */
    public static final List<String> METRICS = List.of("accuracy", "macro_f1", "nll", "ece");

    /** The cost table {@code eval.cost_model} names when absent: Horowitz, ISSCC 2014, 45 nm. */
    public static final String DEFAULT_COST_MODEL = "horowitz-45nm";

    /** What {@code eval.cost_model} may be: a built-in table's name or a path to a YAML file. */
    public static final Pattern COST_MODEL = Pattern.compile(DEFAULT_COST_MODEL + "|.+\\.ya?ml");

    /** Weight number formats ({@code compress.quantize.weights.format}). */
    public static final List<String> WEIGHT_FORMATS = List.of("int", "binary", "ternary", "fp16", "bf16", "fp8-e4m3",
            "fp8-e5m2", "fp4-e2m1", "mxfp8", "mxfp4", "mxint8", "nvfp4", "codebook");

    /**
     * The float formats that take float32 scales at a granularity, as weights and as activations; granularity
     * {@code none} asks for their raw, unscaled grid.
     */
    public static final List<String> SCALED_FLOAT_FORMATS = List.of("fp8-e4m3", "fp8-e5m2", "fp4-e2m1");

    /** Activation number formats ({@code compress.quantize.activations.format}). */
    public static final List<String> ACTIVATION_FORMATS = concat(List.of("int"), SCALED_FLOAT_FORMATS);

    /** Granularities of quantization scales; {@code none} only for the raw scaled float formats. */
    public static final List<String> GRANULARITIES = List.of("per-tensor", "per-channel", "per-group", "none");

    /** Rounding modes. */
    public static final List<String> ROUNDINGS = List.of("nearest-even", "stochastic");

    /** Observers that choose weight ranges (data-free). */
    public static final List<String> WEIGHT_CALIBRATIONS = List.of("minmax", "mse", "percentile");

    /** Observers that choose activation ranges from calibration batches. */
    public static final List<String> ACTIVATION_CALIBRATIONS = List.of("minmax", "moving-average", "percentile", "mse",
            "kl");

    /** Layer names as the model zoo gives them. */
    public static final Pattern LAYER_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Experiment names: they name a results folder. */
    public static final Pattern EXPERIMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /** Tribuo tree ensembles: teachers only, trained on the flattened features. */
    public static final List<String> TREE_ARCHITECTURES = List.of("random-forest", "xgboost");

    /** Number formats of low-precision training ({@code train.precision}); also {@code fixed<word,frac>}. */
    public static final List<String> TRAINING_FORMATS = List.of("fp32", "fp16", "bf16", "fp8-e4m3", "fp8-e5m2");

    /** What a {@code train.precision} format may be. */
    public static final Pattern TRAINING_FORMAT = Pattern.compile(
            String.join("|", TRAINING_FORMATS).replace("-", "\\-") + "|fixed<[0-9]{1,2},[0-9]{1,2}>");

    /** Pruning structures besides N:M ({@code 2:4}). */
    public static final Pattern PRUNE_STRUCTURE = Pattern.compile("unstructured|neuron|channel|[1-9][0-9]*:[1-9][0-9]*");

    /** How a model is trained; the trial's own {@code train} also takes {@code precision}. */
    private static final SchemaNode.Obj TRAIN = obj(false,
            "epochs", new SchemaNode.Int(0, 10_000, 10L),
            "batch", new SchemaNode.Int(1, 1 << 20, 64L),
            "optimizer", new SchemaNode.Choice(List.of("sgd", "adam", "adamw"), "sgd"),
            "lr", new SchemaNode.Real(0, true, Double.MAX_VALUE, false, 0.05),
            "momentum", new SchemaNode.Real(0, false, 1, true, 0.9),
            "nesterov", new SchemaNode.Bool(false),
            "weight_decay", new SchemaNode.Real(0, false, 1, false, 0.0),
            "betas", new SchemaNode.ListOf(new SchemaNode.Real(0, false, 1, true, null), 2, 2, reals(0.9, 0.999)),
            "eps", new SchemaNode.Real(0, true, 1, false, 1.0e-8),
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
                    "weights", trainingFormat(),
                    "activations", trainingFormat(),
                    "gradients", trainingFormat(),
                    "rounding", new SchemaNode.Choice(ROUNDINGS, "nearest-even"),
                    "master_weights", new SchemaNode.Bool(true),
                    "loss_scaling", new SchemaNode.Choice(List.of("none", "static", "dynamic"), "none"),
                    "loss_scale", new SchemaNode.Real(0, true, 1e30, false, 65536.0),
                    "growth_interval", new SchemaNode.Int(1, 1 << 30, 2000L));

    /** A teacher of {@code compress.distill}: any zoo network or a tree ensemble, with its own training. */
    private static final SchemaNode.Obj TEACHER = obj(false,
            "model", model(concat(ARCHITECTURES, TREE_ARCHITECTURES)),
            "train", TRAIN);

    private static final SchemaNode.Obj KD = obj(true,
            "temperature", new SchemaNode.Real(0, true, 1000, false, 4.0),
            "alpha", new SchemaNode.Real(0, false, 1, false, 0.9));

    /** The resolved config of one trial: {@code model}, {@code train}, {@code compress}, {@code eval}. */
    public static final SchemaNode.Obj TRIAL = obj(false,
            "model", model(ARCHITECTURES),
            "train", with(TRAIN, "precision", PRECISION),
            "compress", obj(false,
                    "distill", obj(true,
                            "teacher", TEACHER,
                            "ensemble", new SchemaNode.ListOf(TEACHER, 0, 16, SchemaNode.JSON.arrayNode()),
                            "temperature", new SchemaNode.Real(0, true, 1000, false, 4.0),
                            "alpha", new SchemaNode.Real(0, false, 1, false, 0.9)),
                    "prune", obj(true,
                            "criterion", new SchemaNode.Choice(List.of("magnitude", "random", "taylor"), "magnitude"),
                            "scope", new SchemaNode.Choice(List.of("layer", "global"), "global"),
                            "structure", new SchemaNode.Text(PRUNE_STRUCTURE,
                                    "unstructured, neuron, channel or N:M (e.g. 2:4)", "unstructured"),
                            "norm", new SchemaNode.Int(1, 2, 1L),
                            "sparsity", new SchemaNode.Real(0, false, 1, true, null),
                            "layers", new SchemaNode.MapOf(LAYER_NAME, "a layer name (fc1, conv2, …)",
                                    new SchemaNode.Real(0, false, 1, true, null)),
                            "schedule", new SchemaNode.Choice(List.of("one-shot", "iterative", "gradual", "lottery"),
                                    "one-shot"),
                            "finetune_epochs", new SchemaNode.Int(0, 10_000, 0L),
                            "rounds", new SchemaNode.Int(1, 100, 3L),
                            "initial_sparsity", new SchemaNode.Real(0, false, 1, true, 0.0),
                            "ramp_fraction", new SchemaNode.Real(0, true, 1, false, 0.75),
                            "frequency", new SchemaNode.Int(1, 1 << 30, 100L),
                            "rewind_epoch", new SchemaNode.Int(0, 10_000, 0L),
                            "reinit", new SchemaNode.Bool(false),
                            "gradient_batches", new SchemaNode.Int(1, 1 << 20, 16L),
                            "distill", KD),
                    "quantize", obj(true,
                            "method", new SchemaNode.Choice(List.of("ptq", "qat"), "ptq"),
                            "weights", obj(false,
                                    "format", new SchemaNode.Choice(WEIGHT_FORMATS, "int"),
                                    "bits", new SchemaNode.Int(1, 16, 8L),
                                    "symmetric", new SchemaNode.Bool(true),
                                    "granularity", new SchemaNode.Choice(GRANULARITIES, "per-channel"),
                                    "group_size", new SchemaNode.Int(1, 1 << 20, 32L),
                                    "rounding", new SchemaNode.Choice(ROUNDINGS, "nearest-even"),
                                    "power_of_two", new SchemaNode.Bool(false),
                                    "calibration", new SchemaNode.Choice(WEIGHT_CALIBRATIONS, "minmax"),
                                    "percentile", percentile()),
                            "activations", obj(true,
                                    "format", new SchemaNode.Choice(ACTIVATION_FORMATS, "int"),
                                    "bits", new SchemaNode.Int(2, 16, 8L),
                                    "symmetric", new SchemaNode.Bool(false),
                                    "calibration", obj(false,
                                            "method", new SchemaNode.Choice(ACTIVATION_CALIBRATIONS, "minmax"),
                                            "batches", new SchemaNode.Int(1, 1 << 20, 32L),
                                            "percentile", percentile())),
                            "fold_bn", new SchemaNode.Bool(true),
                            "equalize", new SchemaNode.Bool(false),
                            "bias_correction", new SchemaNode.Bool(false),
                            "first_last_bits", new SchemaNode.Int(0, 16, 0L),
                            "layers", new SchemaNode.MapOf(LAYER_NAME, "a layer name (fc1, conv2, …)", obj(false,
                                    "format", new SchemaNode.Choice(WEIGHT_FORMATS, null),
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
            v.add(new Variants(at + "model", "arch", modelKeys()));
            v.add(new Variants(at + "train", "optimizer", Map.of("sgd", List.of("momentum", "nesterov"),
                    "adam", List.of("betas", "eps"), "adamw", List.of("betas", "eps"))));
        }
        v.add(new Variants("train.precision", "loss_scaling", Map.of("static", List.of("loss_scale"),
                "dynamic", List.of("loss_scale", "growth_interval"))));
        v.add(new Variants("compress.prune", "schedule", Map.of("iterative", List.of("rounds"),
                "lottery", List.of("rounds", "rewind_epoch", "reinit"),
                "gradual", List.of("initial_sparsity", "ramp_fraction", "frequency"))));
        v.add(new Variants("compress.prune", "criterion", Map.of("taylor", List.of("gradient_batches"))));
        v.add(new Variants("compress.prune", "structure", Map.of("neuron", List.of("norm"), "channel", List.of("norm"))));
        v.addAll(List.of(
            new Variants("compress.quantize", "method", Map.of("qat", List.of("qat"), "ptq", List.of("bias_correction"))),
            new Variants("compress.quantize.weights", "format", weightFormatKeys()),
            // granularity none (the raw fp8/fp4 grid) has no scales to calibrate
            new Variants("compress.quantize.weights", "granularity", Map.of(
                    "per-group", List.of("group_size", "calibration", "percentile", "power_of_two"),
                    "per-tensor", List.of("calibration", "percentile", "power_of_two"),
                    "per-channel", List.of("calibration", "percentile", "power_of_two"))),
            new Variants("compress.quantize.weights", "calibration", Map.of("percentile", List.of("percentile"))),
            new Variants("compress.quantize.activations", "format", Map.of("int", List.of("bits", "symmetric"))),
            new Variants("compress.quantize.activations.calibration", "method",
                    Map.of("percentile", List.of("percentile")))));
        return List.copyOf(v);
    }

    /** Which model keys each architecture takes. */
    private static Map<String, List<String>> modelKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("mlp", List.of("hidden", "activation", "dropout", "batch_norm", "width"));
        for (String a : List.of("lenet-300-100", "lenet-5", "cnn-bn")) {
            keys.put(a, List.of("width"));
        }
        for (String a : TREE_ARCHITECTURES) {
            keys.put(a, List.of("trees", "max_depth"));
        }
        return Map.copyOf(keys);
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
     * Bits per element of a weight or activation format: {@code bits} for {@code int} and {@code codebook}, else
     * the format's fixed width.
     *
     * @throws IllegalArgumentException for an unknown format
     */
    public static int elementBits(String format, int bits) {
        return switch (format) {
            case "int", "codebook" -> bits;
            case "binary" -> 1;
            case "ternary" -> 2;
            case "fp16", "bf16" -> 16;
            case "fp8-e4m3", "fp8-e5m2", "mxfp8", "mxint8" -> 8;
            case "fp4-e2m1", "mxfp4", "nvfp4" -> 4;
            default -> throw new IllegalArgumentException("unknown format '" + format + "'");
        };
    }

    private static SchemaNode.Obj obj(boolean nullable, Object... keyValues) {
        Map<String, SchemaNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], (SchemaNode) keyValues[i + 1]);
        }
        return new SchemaNode.Obj(fields, nullable);
    }

    /** {@code o} on with its defaults when absent; still switched off by {@code off}. */
    private static SchemaNode.Obj onByDefault(SchemaNode.Obj o) {
        return new SchemaNode.Obj(o.fields(), true, true);
    }

    /**
     * Which {@code weights} keys each format takes: the scaled float formats those of their scales, scale-free
     * and block formats only their rounding.
     */
    private static Map<String, List<String>> weightFormatKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("int", List.of("bits", "symmetric", "granularity", "group_size", "rounding", "power_of_two",
                "calibration", "percentile"));
        keys.put("codebook", List.of("bits"));
        keys.put("binary", List.of("granularity"));
        keys.put("ternary", List.of("granularity"));
        for (String f : SCALED_FLOAT_FORMATS) {
            keys.put(f, List.of("granularity", "group_size", "rounding", "power_of_two", "calibration", "percentile"));
        }
        for (String f : List.of("fp16", "bf16", "mxfp8", "mxfp4", "mxint8", "nvfp4")) {
            keys.put(f, List.of("rounding"));
        }
        return Map.copyOf(keys);
    }

    private static SchemaNode.Obj with(SchemaNode.Obj base, String key, SchemaNode value) {
        Map<String, SchemaNode> fields = new LinkedHashMap<>(base.fields());
        fields.put(key, value);
        return new SchemaNode.Obj(fields, base.nullable());
    }

    private static SchemaNode.Obj model(List<String> architectures) {
        return obj(false,
                "arch", new SchemaNode.Choice(architectures, "mlp"),
                "hidden", new SchemaNode.ListOf(new SchemaNode.Int(1, 1 << 16, null), 0, 1 << 10, ints(300, 100)),
                "activation", new SchemaNode.Choice(List.of("relu", "tanh"), "relu"),
                "dropout", new SchemaNode.Real(0, false, 1, true, 0.0),
                "batch_norm", new SchemaNode.Bool(false),
                "width", new SchemaNode.Real(0, true, 64, false, 1.0),
                "trees", new SchemaNode.Int(1, 100_000, 100L),
                "max_depth", new SchemaNode.Int(1, 64, 6L));
    }

    private static SchemaNode.Text trainingFormat() {
        return new SchemaNode.Text(TRAINING_FORMAT, "fp32, fp16, bf16, fp8-e4m3, fp8-e5m2 or fixed<word,frac>", "fp32");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    private static SchemaNode.Real percentile() {
        return new SchemaNode.Real(0.5, false, 1, false, 0.999);
    }

    private static ArrayNode ints(int... values) {
        ArrayNode a = SchemaNode.JSON.arrayNode();
        for (int v : values) {
            a.add((long) v);
        }
        return a;
    }

    private static ArrayNode reals(double... values) {
        ArrayNode a = SchemaNode.JSON.arrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = SchemaNode.JSON.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
