package dev.ablate.compress.quant.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.QParams;
import dev.ablate.nn.ReferenceVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bit-exact agreement with PyTorch 1.13 on {@code lsq_and_ste.json} (README section 4). */
class LsqAndSteReferenceTest {

    static Stream<JsonNode> steCases() {
        return ReferenceVectors.cases("lsq_and_ste.json").stream().filter(c -> "ste".equals(c.get("kind").asText()));
    }

    static Stream<JsonNode> lsqCases() {
        return ReferenceVectors.cases("lsq_and_ste.json").stream().filter(c -> "lsq".equals(c.get("kind").asText()));
    }

    private static IntRange range(JsonNode c) {
        return new IntRange(c.get("quant_min").asInt(), c.get("quant_max").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steCases")
    void straightThroughEstimatorThroughAFixedActivationQuantizer(JsonNode c) {
        float[] x = ReferenceVectors.floats(c.get("input"));
        float[] g = ReferenceVectors.floats(c.get("grad_output"));
        QParams qp = QParams.perTensor((float) c.get("scale").asDouble(), c.get("zero_point").asInt());
        ActivationQuantizer q = ActivationQuantizer.fixed("act0", new int[] {x.length}, qp, range(c));
        assertBits("output", ReferenceVectors.floats(c.get("output")), q.forward(x, 1));
        assertBits("grad_input", ReferenceVectors.floats(c.get("grad_input")), q.backward(g, 1, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lsqCases")
    void learnedStepQuantizerMatchesPytorch(JsonNode c) {
        float[] x = ReferenceVectors.floats(c.get("input"));
        float[] g = ReferenceVectors.floats(c.get("grad_output"));
        int n = x.length;
        float[] scale = {(float) c.get("scale").asDouble()};
        float[] zeroPoint = {(float) c.get("zero_point").asDouble()};
        float gradFactor = (float) c.get("grad_factor").asDouble();
        LearnedStepQuantizer lsq = new LearnedStepQuantizer(range(c));
        assertEquals(c.get("forward_zero_point").asInt(), lsq.forwardZeroPoint(zeroPoint[0]));
        assertEquals(c.get("backward_zero_point").asInt(), lsq.backwardZeroPoint(zeroPoint[0]));
        if (c.has("note")) {
            assertEquals(gradFactor, lsq.gradFactor(n), "LSQ paper's grad_factor 1/sqrt(numel * quant_max)");
        }

        float[] out = new float[n];
        lsq.forward(x, n, scale, zeroPoint, out, null);
        assertBits("output", ReferenceVectors.floats(c.get("output")), out);

        float[] gradInput = new float[n];
        float[] gradScale = new float[1];
        float[] gradZeroPoint = new float[1];
        LearnedStepQuantizer.ElementGradients e = new LearnedStepQuantizer.ElementGradients(n);
        lsq.backward(x, g, n, scale, zeroPoint, gradFactor, gradInput, gradScale, gradZeroPoint, e);
        int[] codes = ReferenceVectors.ints(c.get("backward_code"));
        for (int i = 0; i < n; i++) {
            assertEquals(codes[i], e.codes()[i], "backward_code[" + i + "]");
        }
        assertBits("grad_input", ReferenceVectors.floats(c.get("grad_input")), gradInput);
        float[] perScale = ReferenceVectors.floats(c.get("grad_scale_per_element"));
        float[] perZeroPoint = ReferenceVectors.floats(c.get("grad_zero_point_per_element"));
        assertBits("grad_scale_per_element", perScale, e.gradScale());
        assertBits("grad_zero_point_per_element", perZeroPoint, e.gradZeroPoint());
        assertSum("grad_scale", (float) c.get("grad_scale").asDouble(), perScale, gradScale[0]);
        assertSum("grad_zero_point", (float) c.get("grad_zero_point").asDouble(), perZeroPoint, gradZeroPoint[0]);
    }

    /** Tolerance of the README: relative 1e-5 of the sum of magnitudes (the summation order is unspecified). */
    private static void assertSum(String field, float expected, float[] perElement, float actual) {
        double magnitude = 0;
        for (float v : perElement) {
            magnitude += Math.abs(v);
        }
        assertTrue(Math.abs(expected - actual) <= 1e-5 * magnitude, field + ": expected " + expected + ", got " + actual);
    }

    private static void assertBits(String field, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    field + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
