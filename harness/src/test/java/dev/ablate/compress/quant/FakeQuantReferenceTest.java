package dev.ablate.compress.quant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.nn.ReferenceVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every case of {@code fake_quant_per_tensor.json} and {@code fake_quant_per_channel.json} (PyTorch 1.13
 * {@code MinMaxObserver}/{@code PerChannelMinMaxObserver} + {@code fake_quantize_per_*_affine}). All fields
 * are exact, as the reference README requires (floats compared numerically, so -0.0 equals 0.0).
 * {@code direct_*} cases have no observer and use the given scale and zero point.
 */
class FakeQuantReferenceTest {

    static Stream<Arguments> perTensorCases() {
        return ReferenceVectors.cases("fake_quant_per_tensor.json").stream()
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    static Stream<Arguments> perChannelCases() {
        return ReferenceVectors.cases("fake_quant_per_channel.json").stream()
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perTensorCases")
    void perTensor(String name, JsonNode c) {
        check(c, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perChannelCases")
    void perChannel(String name, JsonNode c) {
        assertEquals(0, c.get("axis").asInt());
        check(c, c.get("shape").get(0).asInt());
    }

    private static void check(JsonNode c, int channels) {
        QuantScheme scheme = QuantScheme.fromSpec(c.get("scheme").asText());
        int bits = c.get("bits").asInt();
        IntRange range = scheme.range(bits);
        assertEquals(new IntRange(c.get("quant_min").asInt(), c.get("quant_max").asInt()), range, "range");
        float[] x = ReferenceVectors.floats(c.get("input"));

        QParams qp;
        if (c.get("observer").isNull()) {
            qp = QParams.perTensor((float) c.get("scale").asDouble(), c.get("zero_point").asInt());
        } else {
            MinMaxObserver obs = channels == 1 ? MinMaxObserver.perTensor(scheme, bits)
                    : MinMaxObserver.perChannel(scheme, bits, channels);
            obs.observe(x);
            assertExact("observed_min", ReferenceVectors.floats(c.get("observed_min")), obs.observedMin());
            assertExact("observed_max", ReferenceVectors.floats(c.get("observed_max")), obs.observedMax());
            qp = obs.calculateQParams();
            assertExact("scale", ReferenceVectors.floats(c.get("scale")), qp.scales());
            assertExact("zero_point", ReferenceVectors.ints(c.get("zero_point")), qp.zeroPoints());
        }
        FakeQuantizer.Result r = FakeQuantizer.fakeQuantizeWithCodes(x, qp, range);
        assertExact("output", ReferenceVectors.floats(c.get("output")), r.output());
        assertExact("q", ReferenceVectors.ints(c.get("q")), r.codes());
        int[] mask = new int[r.mask().length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.mask()[i];
        }
        assertExact("mask", ReferenceVectors.ints(c.get("mask")), mask);
        // the output-only path is the same kernel
        assertExact("fakeQuantize", r.output(), FakeQuantizer.fakeQuantize(x, qp, range));
    }

    private static void assertExact(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    private static void assertExact(String what, int[] expected, int[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }
}
