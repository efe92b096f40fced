package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.compress.quant.calibration.Observers;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.spec.Descriptor;
import dev.ablate.spec.NumberFormatDescriptor;
import dev.ablate.spec.SchemaNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An activation number format as a spec names it ({@code compress.quantize.activations.format}): the integer
 * grid or a scaled float format, with the keys of {@code activations} it takes and the
 * {@link ActivationQuantization} it builds.
 *
 * @param specName    the spelling
 * @param description one sentence for the schema and documentation
 * @param keys        the {@code activations} keys that apply to it, with their schema
 * @param width       its fixed element width, or 0 when {@code bits} chooses it
 * @param factory     builds the activation quantization
 */
public record ActivationFormat(String specName, String description, Map<String, SchemaNode> keys, int width,
                               Factory factory) implements NumberFormatDescriptor {

    /** Builds the activation quantization of a format. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param bits        the element width ({@link #elementBits})
         * @param symmetric   {@code int}: signed symmetric or unsigned affine; ignored by the float formats
         * @param calibration how each site's range is calibrated
         * @param learned     whether QAT learns the step sizes (LSQ), which only {@code int} supports
         * @throws IllegalArgumentException for a combination the format cannot represent
         */
        ActivationQuantization create(int bits, boolean symmetric, CalibrationSpec calibration, boolean learned);
    }

    /** Integers of {@code bits} bits, per tensor, with a calibrated scale and zero point. */
    public static final ActivationFormat INT = new ActivationFormat("int", "integers of bits bits per tensor, signed "
            + "symmetric or unsigned affine (the usual choice after ReLU)", Descriptor.keys("bits", new SchemaNode.Int(2, 16, 8L),
            "symmetric", new SchemaNode.Bool(false)), 0, (bits, symmetric, calibration, learned) -> {
                QuantScheme scheme = symmetric ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
                return new ActivationSpec(bits, scheme, site -> Observers.create(calibration, scheme, bits, 1), learned);
            });

    /** Every activation format, in documentation order. */
    public static final List<ActivationFormat> ALL = List.of(INT, scaledFloat(FloatFormat.FP8_E4M3),
            scaledFloat(FloatFormat.FP8_E5M2), scaledFloat(FloatFormat.FP4_E2M1));

    public ActivationFormat {
        Objects.requireNonNull(specName, "specName");
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        Objects.requireNonNull(factory, "factory");
    }

    /**
     * The format a spec spells {@code name}.
     *
     * @throws IllegalArgumentException naming the valid formats
     */
    public static ActivationFormat named(String name) {
        return ALL.stream().filter(f -> f.specName.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown activation format '" + name + "' (valid: " + String.join(", ",
                        ALL.stream().map(ActivationFormat::specName).toList()) + ")"));
    }

    @Override
    public int elementBits(int bits) {
        return width == 0 ? bits : width;
    }

    /** A float format with one float32 scale per site mapping the calibrated magnitude onto its largest value. */
    private static ActivationFormat scaledFloat(FloatFormat element) {
        return new ActivationFormat(element.name(), element.name() + " with a float32 scale per site that maps the "
                + "calibrated magnitude onto the format's largest value", Map.of(), element.width(),
                (bits, symmetric, calibration, learned) -> new FloatActivationSpec(element, calibration));
    }
}
