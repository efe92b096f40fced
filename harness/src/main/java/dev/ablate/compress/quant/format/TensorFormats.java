package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.compress.quant.calibration.Observers;
import dev.ablate.spec.Granularity;

import java.util.List;

/**
 * Builds a {@link TensorFormat} from a {@link FormatSpec}, rejecting combinations that mean nothing. The rules:
 * <table>
 *   <caption>What each format accepts</caption>
 *   <tr><th>format</th><th>bits</th><th>granularity</th><th>stochastic</th><th>power-of-two</th>
 *       <th>calibration</th></tr>
 *   <tr><td>int</td><td>1–16</td><td>per-tensor, per-channel, per-group</td><td>yes</td><td>yes</td>
 *       <td>any</td></tr>
 *   <tr><td>fp8-e4m3, fp8-e5m2, fp4-e2m1</td><td>= width</td><td>per-tensor, per-channel, per-group
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
 */
public final class TensorFormats {

    /** Every format spelling, in the order of the design document. */
    public static final List<String> NAMES = List.of("int", "binary", "ternary", "fp16", "bf16", "fp8-e4m3",
            "fp8-e5m2", "fp4-e2m1", "mxfp8", "mxfp4", "mxint8", "nvfp4", "codebook");

    private TensorFormats() {
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
        String f = spec.format();
        if (!NAMES.contains(f)) {
            throw new IllegalArgumentException("unknown format '" + f + "' (valid: " + String.join(", ", NAMES) + ")");
        }
        if (spec.groupSize() != 0 && spec.granularity() != Granularity.PER_GROUP) {
            throw fail(f, "group_size " + spec.groupSize() + " applies only to per-group granularity, got "
                    + spec.granularity().specName());
        }
        if (!spec.symmetric() && !f.equals("int")) {
            throw fail(f, "symmetric: false (unsigned affine) applies only to int");
        }
        boolean scaledFloat = SCALED_FLOATS.contains(f) && spec.granularity() != Granularity.NONE;
        if (spec.powerOfTwoScale() && !f.equals("int") && !scaledFloat && !f.startsWith("mx")) {
            throw fail(f, "power-of-two scales apply only to int and scaled fp8/fp4 (MX scales always are)");
        }
        if (spec.granularity() == Granularity.NONE && !SCALED_FLOATS.contains(f)) {
            throw fail(f, "granularity none (no scale) applies only to fp8-e4m3, fp8-e5m2 and fp4-e2m1");
        }
        CalibrationSpec ranges = calibration != null ? calibration : CalibrationSpec.of("minmax");
        return switch (f) {
            case "int" -> {
                QuantScheme scheme = spec.symmetric() ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
                yield new IntFormat(scheme, spec.bits(), spec.granularity(), spec.groupSize(), spec.rounding(),
                        spec.powerOfTwoScale(), channels -> Observers.create(ranges, scheme, spec.bits(), channels));
            }
            case "fp16" -> scalarFloat(spec, FloatFormat.FP16);
            case "bf16" -> scalarFloat(spec, FloatFormat.BF16);
            case "fp8-e4m3", "fp8-e5m2", "fp4-e2m1" -> scaledFloat(spec, FloatFormat.named(f), ranges);
            case "mxfp8" -> microscaled(spec, MxFormat.mxfp8(spec.rounding()));
            case "mxfp4" -> microscaled(spec, MxFormat.mxfp4(spec.rounding()));
            case "mxint8" -> microscaled(spec, MxFormat.mxint8(spec.rounding()));
            case "nvfp4" -> {
                requireWidth(spec, 4);
                yield blocked(spec, new NvFp4Format(spec.rounding()), NvFp4Format.BLOCK_SIZE, "NVFP4");
            }
            case "binary" -> {
                requireDeterministic(spec, 1);
                yield new BinaryFormat(spec.granularity());
            }
            case "ternary" -> {
                requireDeterministic(spec, 2);
                yield new TernaryFormat(spec.granularity());
            }
            case "codebook" -> {
                requireDeterministic(spec, spec.bits());
                requireGranularity(spec, Granularity.PER_TENSOR, "one codebook per tensor (per layer)");
                yield new CodebookFormat(spec.bits());
            }
            default -> throw new IllegalStateException("format '" + f + "' is in NAMES but has no constructor");
        };
    }

    /** The element formats that take float32 scales ({@link ScaledFloatFormat}) or none at all. */
    private static final List<String> SCALED_FLOATS = List.of("fp8-e4m3", "fp8-e5m2", "fp4-e2m1");

    private static TensorFormat scalarFloat(FormatSpec spec, FloatFormat format) {
        requireWidth(spec, format.width());
        requireGranularity(spec, Granularity.PER_TENSOR, "it has no scales");
        return new FloatTensorFormat(format, spec.rounding());
    }

    /** A scaled fp8/fp4 format, or the raw grid for granularity {@code none}. */
    private static TensorFormat scaledFloat(FormatSpec spec, FloatFormat format, CalibrationSpec calibration) {
        requireWidth(spec, format.width());
        if (spec.granularity() == Granularity.NONE) {
            return new FloatTensorFormat(format, spec.rounding());
        }
        return new ScaledFloatFormat(format, spec.granularity(), spec.groupSize(), spec.rounding(),
                spec.powerOfTwoScale(), calibration);
    }

    private static TensorFormat microscaled(FormatSpec spec, MxFormat format) {
        requireWidth(spec, format.elementBits());
        return blocked(spec, format, MxFormat.BLOCK_SIZE, "OCP MX v1.0");
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
}
