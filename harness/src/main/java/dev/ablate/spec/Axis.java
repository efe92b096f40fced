package dev.ablate.spec;

/**
 * The extension axes of the spec language: keys whose values are not fixed by the spec package but named by the
 * libraries that implement them, each value a {@link Descriptor} of the {@link Vocabulary}. Adding a value to an
 * axis (a format, an architecture, a criterion) is a descriptor in its library and one registration there; the
 * spec's schema, validation and inapplicable-key rules follow from it.
 */
public enum Axis {
    /** {@code model.arch} of the trained network: the model zoo. */
    ARCHITECTURE("model.arch", "mlp"),
    /** Architectures only a distillation teacher may have ({@code compress.distill.teacher.model.arch}). */
    TEACHER_ARCHITECTURE("compress.distill.teacher.model.arch", null),
    /** {@code train.optimizer}. */
    OPTIMIZER("train.optimizer", "sgd"),
    /** Number formats of low-precision training ({@code train.precision.weights}, activations, gradients). */
    TRAINING_FORMAT("train.precision.weights", "fp32"),
    /** {@code compress.prune.criterion}: how a weight's importance is scored. */
    PRUNE_CRITERION("compress.prune.criterion", "magnitude"),
    /** {@code compress.prune.structure}: what is removed together. */
    PRUNE_STRUCTURE("compress.prune.structure", "unstructured"),
    /** {@code compress.prune.schedule}: when the sparsity is reached. */
    PRUNE_SCHEDULE("compress.prune.schedule", "one-shot"),
    /** {@code compress.quantize.weights.format}: the weights' number format. */
    WEIGHT_FORMAT("compress.quantize.weights.format", "int"),
    /** {@code compress.quantize.weights.calibration}: how a weight range is chosen (data-free observers). */
    WEIGHT_CALIBRATION("compress.quantize.weights.calibration", "minmax"),
    /** {@code compress.quantize.activations.format}: the activations' number format. */
    ACTIVATION_FORMAT("compress.quantize.activations.format", "int"),
    /** {@code compress.quantize.activations.calibration.method}: how an activation range is calibrated. */
    ACTIVATION_CALIBRATION("compress.quantize.activations.calibration.method", "minmax");

    private final String path;
    private final String defaultValue;

    Axis(String path, String defaultValue) {
        this.path = path;
        this.defaultValue = defaultValue;
    }

    /** The dotted key path of the axis in a trial config (the first one where it appears in several places). */
    public String path() {
        return path;
    }

    /** The value the key takes when a spec leaves it out, or {@code null} when it is required. */
    public String defaultValue() {
        return defaultValue;
    }
}
