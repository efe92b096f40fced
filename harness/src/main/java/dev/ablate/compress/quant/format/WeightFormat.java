package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.spec.NumberFormatDescriptor;
import dev.ablate.spec.SchemaNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A weight number format as a spec names it ({@code compress.quantize.weights.format}): its spelling, the keys of
 * {@code weights} it takes, its element width and the {@link TensorFormat} it builds. {@link TensorFormats}
 * registers every one.
 *
 * @param specName    the spelling
 * @param description one sentence for the schema and documentation
 * @param keys        the {@code weights} keys that apply to it, with their schema
 * @param width       its fixed element width, or 0 when {@code bits} chooses it
 * @param blockSize   the elements that share one scale when a standard fixes it (MX, NVFP4), else 0
 * @param factory     builds the format from a validated spec
 */
public record WeightFormat(String specName, String description, Map<String, SchemaNode> keys, int width,
                           int blockSize, Factory factory) implements NumberFormatDescriptor {

    /** Builds a format's {@link TensorFormat}, rejecting what it cannot represent. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param calibration how the format chooses its ranges when it takes a calibration, else ignored
         * @throws IllegalArgumentException naming the offending field
         */
        TensorFormat create(FormatSpec spec, CalibrationSpec calibration);
    }

    public WeightFormat {
        Objects.requireNonNull(specName, "specName");
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        Objects.requireNonNull(factory, "factory");
    }

    @Override
    public int elementBits(int bits) {
        return width == 0 ? bits : width;
    }

    /** Whether the format takes {@code key} ({@code bits}, {@code granularity}, {@code calibration}, …). */
    public boolean takes(String key) {
        return keys.containsKey(key);
    }
}
