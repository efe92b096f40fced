package dev.ablate.compress.quant.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.nn.ReferenceVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every case of {@code float_formats.json} (reference README §5), every format: value and bit pattern exact. */
class FloatFormatReferenceTest {

    private static final Map<String, FloatFormat> FORMATS = Map.of("fp16", FloatFormat.FP16, "bf16", FloatFormat.BF16,
            "fp8_e4m3", FloatFormat.FP8_E4M3, "fp8_e5m2", FloatFormat.FP8_E5M2);

    static Stream<Arguments> cases() {
        return ReferenceVectors.cases("float_formats.json").stream()
                .flatMap(c -> FORMATS.keySet().stream().sorted().map(f -> Arguments.of(c.get("name").asText(), f, c)));
    }

    /** A value as the file writes it: a number, or the strings {@code Infinity}, {@code -Infinity}, {@code NaN}. */
    private static float value(JsonNode n) {
        return n.isTextual() ? Float.parseFloat(n.asText()) : (float) n.asDouble();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void roundsAndEncodesExactly(String name, String key, JsonNode c) {
        FloatFormat format = FORMATS.get(key);
        JsonNode inputBits = c.get("input_bits");
        JsonNode expected = c.get(key);
        JsonNode expectedBits = c.get(key + "_bits");
        assertEquals(c.get("n").asInt(), inputBits.size());
        for (int i = 0; i < inputBits.size(); i++) {
            float x = Float.intBitsToFloat((int) inputBits.get(i).asLong());
            assertTrue(Float.isNaN(x) || Float.floatToRawIntBits(value(c.get("input").get(i)))
                    == Float.floatToRawIntBits(x), "input " + i + " matches its bits");
            float want = value(expected.get(i));
            float got = format.round(x);
            String where = name + "[" + i + "] " + key + "(" + x + ")";
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(got), where + " is NaN, got " + got);
                assertTrue(expectedBits.get(i).isNull(), where + ": NaN has null bits");
                assertTrue(Float.isNaN(format.decode(format.encode(x))), where + ": NaN code decodes to NaN");
            } else {
                // raw bits: distinguishes -0 from +0
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), where + " -> " + got);
                int bits = expectedBits.get(i).asInt();
                assertEquals(bits, format.encode(x), where + " bits");
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(format.decode(bits)),
                        where + " decode");
            }
        }
    }
}
