package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.spec.Granularity;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Builds a {@link TensorFormat} from a {@link FormatSpec}, rejecting combinations that mean nothing. The rules:
 * <table>
 *   <caption>What each format accepts</caption>
 *   <tr><th>format</th><th>bits</th><th>granularity</th><th>stochastic</th><th>power-of-two</th></tr>
 *   <tr><td>int</td><td>1–16</td><td>any</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>fp16, bf16, fp8-e4m3, fp8-e5m2, fp4-e2m1</td><td>= width</td><td>per-tensor (no scales)</td>
 *       <td>yes</td><td>no</td></tr>
 *   <tr><td>mxfp8, mxfp4, mxint8</td><td>= element width</td><td>per-group, group size 32</td><td>yes</td>
 *       <td>always</td></tr>
 *   <tr><td>binary, ternary</td><td>1, 2</td><td>per-tensor, per-channel</td><td>no</td><td>no</td></tr>
 *   <tr><td>codebook</td><td>1–16</td><td>per-tensor</td><td>no</td><td>no</td></tr>
 * </table>
 * Fixed-width formats require {@code bits} to equal their width rather than ignoring it, so a result row never
 * reports a width the weights did not have. {@code symmetric = false} (unsigned affine) is an {@code int}
 * option only; a non-zero group size needs per-group granularity.
 */
public final class TensorFormats {

    /** Every format spelling, in the order of the design document. */
    public static final List<String> NAMES = List.of("int", "binary", "ternary", "fp16", "bf16", "fp8-e4m3",
            "fp8-e5m2", "fp4-e2m1", "mxfp8", "mxfp4", "mxint8", "codebook");

    private TensorFormats() {
    }

    /**
     * The format a spec describes.
     *
     * @param observerFactory the {@code int} format's range estimator, given the number of scale sets; it must
     *                        produce codes for the spec's scheme and bits. {@code null} selects min-max. Ignored by
     *                        every other format, which choose their parameters themselves.
     * @throws IllegalArgumentException naming the format and the offending field, for an unknown format or a
     *                                  combination the table in the class comment does not allow
     */
    public static TensorFormat create(FormatSpec spec, IntFunction<Observer> observerFactory) {
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
        if (spec.powerOfTwoScale() && !f.equals("int") && !f.startsWith("mx")) {
            throw fail(f, "power-of-two scales apply only to int (MX scales always are)");
        }
        return switch (f) {
            case "int" -> {
                QuantScheme scheme = spec.symmetric() ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
                yield new IntFormat(scheme, spec.bits(), spec.granularity(), spec.groupSize(), spec.rounding(),
                        spec.powerOfTwoScale(), observerFactory);
            }
            case "fp16" -> scalarFloat(spec, FloatFormat.FP16);
            case "bf16" -> scalarFloat(spec, FloatFormat.BF16);
            case "fp8-e4m3" -> scalarFloat(spec, FloatFormat.FP8_E4M3);
            case "fp8-e5m2" -> scalarFloat(spec, FloatFormat.FP8_E5M2);
            case "fp4-e2m1" -> scalarFloat(spec, FloatFormat.FP4_E2M1);
            case "mxfp8" -> microscaled(spec, MxFormat.mxfp8(spec.rounding()));
            case "mxfp4" -> microscaled(spec, MxFormat.mxfp4(spec.rounding()));
            case "mxint8" -> microscaled(spec, MxFormat.mxint8(spec.rounding()));
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

    private static TensorFormat scalarFloat(FormatSpec spec, FloatFormat format) {
        requireWidth(spec, format.width());
        requireGranularity(spec, Granularity.PER_TENSOR, "it has no scales");
        return new FloatTensorFormat(format, spec.rounding());
    }

    private static TensorFormat microscaled(FormatSpec spec, MxFormat format) {
        requireWidth(spec, format.elementBits());
        requireGranularity(spec, Granularity.PER_GROUP, "one shared scale per block of " + MxFormat.BLOCK_SIZE);
        if (spec.groupSize() != MxFormat.BLOCK_SIZE) {
            throw fail(spec.format(), "group_size must be " + MxFormat.BLOCK_SIZE + " (fixed by OCP MX v1.0), got "
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
