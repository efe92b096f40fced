package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.calibration.CalibrationMethod;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.compress.quant.calibration.Observers;
import dev.ablate.spec.Descriptor;
import dev.ablate.spec.Granularity;
import dev.ablate.spec.SchemaNode;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Builds a {@link TensorFormat} from a {@link FormatSpec}, rejecting combinations that mean nothing. The rules:
 * <table>
 *   <caption>What each format accepts</caption>
 *   <tr><th>format</th><th>bits</th><th>granularity</th><th>stochastic</th><th>power-of-two</th>
 *       <th>calibration</th></tr>
 *   <tr><td>int</td><td>1–16</td><td>per-tensor, per-channel, per-group</td><td>yes</td><td>yes</td>
 *       <td>any</td></tr>
 *   <tr><td>fp8-e4m3, fp8-e5m2, fp6-e3m2, fp6-e2m3, fp4-e2m1</td><td>= width</td><td>per-tensor, per-channel, per-group
 *       (float32 scales, {@link ScaledFloatFormat}); none = the raw, unscaled grid ({@link FloatTensorFormat})
 *       </td><td>yes</td><td>scaled only</td><td>scaled: all but kl</td></tr>
 *   <tr><td>fp16, bf16</td><td>= width</td><td>per-tensor (no scales)</td><td>yes</td><td>no</td><td>—</td></tr>
 *   <tr><td>mxfp8, mxfp4, mxint8</td><td>= element width</td><td>per-group, group size 32</td><td>yes</td>
 *       <td>always</td><td>—</td></tr>
 *   <tr><td>nvfp4</td><td>4</td><td>per-group, group size 16 (+ a tensor scale)</td><td>yes</td><td>no</td>
 *       <td>—</td></tr>
 *   <tr><td>binary, ternary</td><td>1, 2</td><td>per-tensor, per-channel</td><td>no</td><td>no</td><td>—</td></tr>
 *   <tr><td>codebook</td><td>1–16</td><td>per-tensor</td><td>no</td><td>no</td><td>—</td></tr>
 * </table>
 * Fixed-width formats require {@code bits} to equal their width rather than ignoring it, so a result row never
 * reports a width the weights did not have. {@code symmetric = false} (unsigned affine) is an {@code int}
 * option only; a non-zero group size needs per-group granularity; granularity {@code none} is the raw float
 * formats' only. Formats without a calibration choose their parameters themselves.
 *
 * <p>Every format is a {@link WeightFormat} registered in {@link #ALL}: adding one is its {@link TensorFormat}
 * class and a descriptor here. The spec language's {@code format} values, the keys each takes and its width
 * come from the descriptors.
 */
public final class TensorFormats {

    /** {@code bits}: the width of a format whose width is chosen. */
    public static final SchemaNode.Int BITS = new SchemaNode.Int(1, 16, 8L);
    /** {@code symmetric}: signed symmetric or unsigned affine {@code int}. */
    public static final SchemaNode.Bool SYMMETRIC = new SchemaNode.Bool(true);
    /** {@code granularity}: how many scale sets a tensor gets. */
    public static final SchemaNode.Choice GRANULARITY = new SchemaNode.Choice(
            Arrays.stream(Granularity.values()).map(Granularity::specName).toList(), "per-channel");
    /** {@code group_size}: elements per group of per-group granularity. */
    public static final SchemaNode.Int GROUP_SIZE = new SchemaNode.Int(1, 1 << 20, 32L);
    /** {@code rounding}: round to nearest even or stochastically. */
    public static final SchemaNode.Choice ROUNDING = new SchemaNode.Choice(
            Arrays.stream(Rounding.values()).map(Rounding::specName).toList(), "nearest-even");
    /** {@code power_of_two}: scales rounded to powers of two. */
    public static final SchemaNode.Bool POWER_OF_TWO = new SchemaNode.Bool(false);
    /** {@code calibration}: how a weight range is chosen. */
    public static final SchemaNode.Choice CALIBRATION = new SchemaNode.Choice(
            CalibrationMethod.forWeights().stream().map(CalibrationMethod::specName).toList(), "minmax");

    /** Integers at {@code bits}, symmetric or affine, with float scales at a granularity. */
    public static final WeightFormat INT = new WeightFormat("int", "integers of bits bits (signed symmetric or "
            + "unsigned affine) times a float32 scale per tensor, channel or group", Descriptor.keys("bits", BITS,
            "symmetric", SYMMETRIC, "granularity", GRANULARITY, "group_size", GROUP_SIZE, "rounding", ROUNDING,
            "power_of_two", POWER_OF_TWO, "calibration", CALIBRATION, "percentile", CalibrationMethod.PERCENTILE_KEY),
            0, 0, TensorFormats::integer);
    /** Signs times a mean magnitude (XNOR-Net). */
    public static final WeightFormat BINARY = new WeightFormat("binary", "sign(w) times the mean magnitude, per "
            + "tensor or channel (XNOR-Net)", Descriptor.keys("granularity", GRANULARITY), 1, 0, (spec, calibration) -> {
                requireDeterministic(spec, 1);
                return new BinaryFormat(spec.granularity());
            });
    /** {-1, 0, +1} times a scale (ternary weight networks). */
    public static final WeightFormat TERNARY = new WeightFormat("ternary", "{-1, 0, +1} times a scale, zeroing "
            + "below a threshold of 0.7 times the mean magnitude (ternary weight networks)",
            Descriptor.keys("granularity", GRANULARITY), 2, 0, (spec, calibration) -> {
                requireDeterministic(spec, 2);
                return new TernaryFormat(spec.granularity());
            });
    /** IEEE half precision, no scale. */
    public static final WeightFormat FP16 = new WeightFormat("fp16", "IEEE 754 half precision (E5M10), no scale",
            Descriptor.keys("rounding", ROUNDING), 16, 0, (spec, calibration) -> scalarFloat(spec, FloatFormat.FP16));
    /** bfloat16, no scale. */
    public static final WeightFormat BF16 = new WeightFormat("bf16", "bfloat16 (E8M7), no scale",
            Descriptor.keys("rounding", ROUNDING), 16, 0, (spec, calibration) -> scalarFloat(spec, FloatFormat.BF16));
    /** OCP fp8 E4M3 with float32 scales. */
    public static final WeightFormat FP8_E4M3 = scaledFloat(FloatFormat.FP8_E4M3, "OCP fp8 E4M3 (max 448)");
    /** OCP fp8 E5M2 with float32 scales. */
    public static final WeightFormat FP8_E5M2 = scaledFloat(FloatFormat.FP8_E5M2, "OCP fp8 E5M2 (max 57344)");
    /** OCP MX fp6 E3M2 with float32 scales. */
    public static final WeightFormat FP6_E3M2 = scaledFloat(FloatFormat.FP6_E3M2, "OCP MX fp6 E3M2 (max 28)");
    /** OCP MX fp6 E2M3 with float32 scales. */
    public static final WeightFormat FP6_E2M3 = scaledFloat(FloatFormat.FP6_E2M3, "OCP MX fp6 E2M3 (max 7.5)");
    /** OCP fp4 E2M1 with float32 scales. */
    public static final WeightFormat FP4_E2M1 = scaledFloat(FloatFormat.FP4_E2M1, "OCP fp4 E2M1 (max 6)");
    /** OCP MX fp8: E4M3 elements, an E8M0 scale per block of 32. */
    public static final WeightFormat MXFP8 = microscaled("mxfp8", "E4M3", 8, MxFormat::mxfp8);
    /** OCP MX fp4: E2M1 elements, an E8M0 scale per block of 32. */
    public static final WeightFormat MXFP4 = microscaled("mxfp4", "E2M1", 4, MxFormat::mxfp4);
    /** OCP MX int8: 8-bit integer elements, an E8M0 scale per block of 32. */
    public static final WeightFormat MXINT8 = microscaled("mxint8", "int8", 8, MxFormat::mxint8);
    /** NVIDIA NVFP4: E2M1 elements, an E4M3 scale per block of 16 and a float32 tensor scale. */
    public static final WeightFormat NVFP4 = new WeightFormat("nvfp4", "NVIDIA NVFP4: E2M1 elements, an E4M3 scale "
            + "per block of 16 along the input, a float32 tensor scale", Descriptor.keys("rounding", ROUNDING), 4,
            NvFp4Format.BLOCK_SIZE, (spec, calibration) -> {
                requireWidth(spec, 4);
                return blocked(spec, new NvFp4Format(spec.rounding()), NvFp4Format.BLOCK_SIZE, "NVFP4");
            });
    /** A k-means codebook of 2^bits shared values per tensor (Deep Compression). */
    public static final WeightFormat CODEBOOK = new WeightFormat("codebook", "2^bits shared values per tensor, "
            + "k-means with linear initialisation (Deep Compression)", Descriptor.keys("bits", BITS), 0, 0,
            (spec, calibration) -> {
                requireDeterministic(spec, spec.bits());
                requireGranularity(spec, Granularity.PER_TENSOR, "one codebook per tensor (per layer)");
                return new CodebookFormat(spec.bits());
            });

    /** Every format, in documentation order. */
    public static final List<WeightFormat> ALL = List.of(INT, BINARY, TERNARY, FP16, BF16, FP8_E4M3, FP8_E5M2,
            FP6_E3M2, FP6_E2M3, FP4_E2M1, MXFP8, MXFP4, MXINT8, NVFP4, CODEBOOK);

    /** Every format spelling, in documentation order. */
    public static final List<String> NAMES = ALL.stream().map(WeightFormat::specName).toList();

    /** The OCP MX formats, whose scales are powers of two by definition. */
    private static final List<WeightFormat> MICROSCALED = List.of(MXFP8, MXFP4, MXINT8);

    /**
     * The formats whose granularity {@code none} means their raw, unscaled grid: the fixed-width ones that
     * calibrate a scale (the scaled floats).
     */
    private static final List<WeightFormat> RAW_GRID = ALL.stream().filter(f -> f.width() > 0
            && f.takes("calibration")).toList();

    private TensorFormats() {
    }

    /**
     * The format a spec spells {@code name}.
     *
     * @throws IllegalArgumentException naming the valid formats
     */
    public static WeightFormat named(String name) {
        for (WeightFormat f : ALL) {
            if (f.specName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (valid: " + String.join(", ", NAMES) + ")");
    }

    /**
     * The format a spec describes.
     *
     * @param calibration how {@code int} and the scaled float formats choose their ranges ({@code null}: min-max);
     *                    ignored by every other format, which choose their parameters themselves
     * @throws IllegalArgumentException naming the format and the offending field, for an unknown format or a
     *                                  combination the table in the class comment does not allow
     */
    public static TensorFormat create(FormatSpec spec, CalibrationSpec calibration) {
        WeightFormat format = named(spec.format());
        String f = format.specName();
        if (spec.groupSize() != 0 && spec.granularity() != Granularity.PER_GROUP) {
            throw fail(f, "group_size " + spec.groupSize() + " applies only to per-group granularity, got "
                    + spec.granularity().specName());
        }
        if (!spec.symmetric() && !format.takes("symmetric")) {
            throw fail(f, "symmetric: false (unsigned affine) applies only to " + namesTaking("symmetric"));
        }
        boolean scaled = format.takes("power_of_two") && spec.granularity() != Granularity.NONE;
        if (spec.powerOfTwoScale() && !scaled && !MICROSCALED.contains(format)) {
            throw fail(f, "power-of-two scales apply only to int and scaled fp8/fp4 (MX scales always are)");
        }
        if (spec.granularity() == Granularity.NONE && !RAW_GRID.contains(format)) {
            throw fail(f, "granularity none (no scale) applies only to " + String.join(", ", RAW_GRID.stream()
                    .map(WeightFormat::specName).toList()).replaceFirst(", (?!.*, )", " and "));
        }
        return format.factory().create(spec, calibration != null ? calibration : CalibrationSpec.of("minmax"));
    }

    private static TensorFormat integer(FormatSpec spec, CalibrationSpec ranges) {
        QuantScheme scheme = spec.symmetric() ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
        return new IntFormat(scheme, spec.bits(), spec.granularity(), spec.groupSize(), spec.rounding(),
                spec.powerOfTwoScale(), channels -> Observers.create(ranges, scheme, spec.bits(), channels));
    }

    private static TensorFormat scalarFloat(FormatSpec spec, FloatFormat format) {
        requireWidth(spec, format.width());
        requireGranularity(spec, Granularity.PER_TENSOR, "it has no scales");
        return new FloatTensorFormat(format, spec.rounding());
    }

    /** The descriptor of a scaled fp8/fp4 format, whose granularity {@code none} is the raw grid. */
    private static WeightFormat scaledFloat(FloatFormat element, String what) {
        return new WeightFormat(element.name(), what + " times a float32 scale per tensor, channel or group (torchao's "
                + "scaled cast); granularity none is the raw, unscaled grid", Descriptor.keys("granularity", GRANULARITY,
                "group_size", GROUP_SIZE, "rounding", ROUNDING, "power_of_two", POWER_OF_TWO, "calibration",
                CALIBRATION, "percentile", CalibrationMethod.PERCENTILE_KEY), element.width(), 0,
                (spec, calibration) -> {
                    requireWidth(spec, element.width());
                    if (spec.granularity() == Granularity.NONE) {
                        return new FloatTensorFormat(element, spec.rounding());
                    }
                    return new ScaledFloatFormat(element, spec.granularity(), spec.groupSize(), spec.rounding(),
                            spec.powerOfTwoScale(), calibration);
                });
    }

    /** The descriptor of an OCP MX format. */
    private static WeightFormat microscaled(String name, String elements, int width,
                                            Function<Rounding, MxFormat> constructor) {
        return new WeightFormat(name, "OCP MX v1.0: " + elements + " elements, a power-of-two (E8M0) scale per "
                + "block of " + MxFormat.BLOCK_SIZE, Descriptor.keys("rounding", ROUNDING), width, MxFormat.BLOCK_SIZE,
                (spec, calibration) -> {
                    MxFormat format = constructor.apply(spec.rounding());
                    requireWidth(spec, format.elementBits());
                    return blocked(spec, format, MxFormat.BLOCK_SIZE, "OCP MX v1.0");
                });
    }

    private static TensorFormat blocked(FormatSpec spec, TensorFormat format, int blockSize, String standard) {
        requireGranularity(spec, Granularity.PER_GROUP, "one shared scale per block of " + blockSize);
        if (spec.groupSize() != blockSize) {
            throw fail(spec.format(), "group_size must be " + blockSize + " (fixed by " + standard + "), got "
                    + spec.groupSize());
        }
        return format;
    }

    private static void requireDeterministic(FormatSpec spec, int width) {
        requireWidth(spec, width);
        if (spec.rounding() == Rounding.STOCHASTIC) {
            throw fail(spec.format(), "rounding must be nearest-even: it picks levels by threshold or nearest"
                    + " centroid, there is no grid to round stochastically on");
        }
    }

    private static void requireWidth(FormatSpec spec, int width) {
        if (spec.bits() != width) {
            throw fail(spec.format(), "bits must be " + width + " (the format's width), got " + spec.bits());
        }
    }

    private static void requireGranularity(FormatSpec spec, Granularity required, String why) {
        if (spec.granularity() != required) {
            throw fail(spec.format(), "granularity must be " + required.specName() + " (" + why + "), got "
                    + spec.granularity().specName());
        }
    }

    private static IllegalArgumentException fail(String format, String message) {
        return new IllegalArgumentException("format '" + format + "': " + message);
    }

    private static String namesTaking(String key) {
        return String.join(", ", ALL.stream().filter(f -> f.takes(key)).map(WeightFormat::specName).toList());
    }
}
