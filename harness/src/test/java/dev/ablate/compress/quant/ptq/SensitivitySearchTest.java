package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.IntFormats;
import dev.ablate.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static dev.ablate.compress.quant.ptq.PtqTestNetworks.accuracy;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.zoo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensitivitySearchTest {

    /** MLP 8-16-12-4: weights 128, 192 and 48, biases 32 floats. */
    private static final Network MLP = zoo("mlp", List.of(16, 12), new int[] {8}, 4, 3);

    /** Accuracy drop per layer and width, additive across layers, chosen so no two greedy steps tie. */
    private static final Map<String, Map<Integer, Double>> PENALTY = Map.of(
            "fc1", Map.of(8, 0.0, 4, 0.001, 2, 0.05),
            "fc2", Map.of(8, 0.0, 4, 0.002, 2, 0.0035),
            "fc3", Map.of(8, 0.0, 4, 0.03, 2, 0.2));

    /** A quantizer that returns the float network and an evaluator that scores the last assignment it saw. */
    private static final class FakeQuantization implements AssignmentQuantizer, ToDoubleFunction<Network> {
        private BitWidthAssignment last;
        private final List<Map<String, Integer>> seen = new ArrayList<>();

        @Override
        public Network quantize(Network floatNet, BitWidthAssignment assignment) {
            last = assignment;
            seen.add(assignment.bits());
            return floatNet;
        }

        @Override
        public double applyAsDouble(Network net) {
            double acc = 0.9;
            for (Map.Entry<String, Integer> e : last.bits().entrySet()) {
                acc -= PENALTY.get(e.getKey()).get(e.getValue());
            }
            return acc;
        }
    }

    private static Map<String, Integer> bits(int fc1, int fc2, int fc3) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("fc1", fc1);
        m.put("fc2", fc2);
        m.put("fc3", fc3);
        return m;
    }

    @Test
    void packedSizeCountsWeightsScalesAndFloatBiases() {
        // 8 bits: (128 + 192 + 48) * 8 weight bits + (16 + 12 + 4) * 32 scale bits + 32 * 32 bias bits = 4992 bits
        assertEquals(624, ModelSize.bytes(MLP, BitWidthAssignment.uniform(MLP, 8)));
        assertEquals(4 * (128 + 192 + 48 + 32), ModelSize.fp32Bytes(MLP));
        assertEquals(4 * (128 + 192 + 48 + 32), ModelSize.bytes(MLP, BitWidthAssignment.uniform(MLP, 32)));
        assertEquals(800, ModelSize.budget(MLP, 0.5));
    }

    /*
     * Greedy steps, as (penalty added) / (bits saved), from 4992 bits:
     *   fc1 8->4 .001/512            -> 4480 bits (560 B)
     *   fc2 8->4 .002/768            -> 3712 bits (464 B)
     *   fc2 4->2 .0015/384           -> 3328 bits (416 B)
     *   fc3 8->4 .03/192             -> 3136 bits (392 B)
     *   fc1 4->2 .049/256            -> 2880 bits (360 B)
     *   fc3 4->2 .17/96              -> 2784 bits (348 B)
     */
    @ParameterizedTest
    @CsvSource({"624, 8, 8, 8", "560, 4, 8, 8", "500, 4, 4, 8", "416, 4, 2, 8", "400, 4, 2, 4", "360, 2, 2, 4",
            "348, 2, 2, 2"})
    void takesTheCheapestStepPerByteUntilTheBudgetIsMet(long budget, int fc1, int fc2, int fc3) {
        FakeQuantization fake = new FakeQuantization();
        MixedPrecisionSearchResult r = SensitivitySearch.search(MLP, List.of(2, 4, 8), budget, fake, fake);
        assertEquals(bits(fc1, fc2, fc3), r.assignment().bits());
        assertEquals(ModelSize.bytes(MLP, r.assignment()), r.bytes());
        assertTrue(r.bytes() <= budget);
        assertEquals(0.9, r.baselineAccuracy(), 1e-12);
        assertEquals(0.9 - PENALTY.get("fc1").get(fc1) - PENALTY.get("fc2").get(fc2) - PENALTY.get("fc3").get(fc3),
                r.accuracy(), 1e-12);
        assertEquals(8, fake.seen.size(), "baseline, 3 layers x 2 widths, final");
        assertEquals(6, r.evaluations().size());
        assertEquals("fc2", r.evaluations().get(3).layer());
        assertEquals(2, r.evaluations().get(3).bits());
        assertEquals(0.0035, r.evaluations().get(3).sensitivity(), 1e-12);
    }

    @Test
    void rejectsABudgetBelowTheAllLowestSize() {
        FakeQuantization fake = new FakeQuantization();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SensitivitySearch.search(MLP, List.of(2, 4, 8), 347, fake, fake));
        assertTrue(e.getMessage().contains("348"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SensitivitySearch.search(MLP, List.of(), 1000, fake, fake));
    }

    @Test
    void realSearchMeetsTheBudgetAndBeatsUniformLowestBits() {
        PtqTestNetworks.Trained t = PtqTestNetworks.Trained.mlp();
        Network net = t.net();
        AssignmentQuantizer quantizer = (n, a) -> MixedPrecision.apply(n, a, IntFormats::perChannel, 0).network();
        ToDoubleFunction<Network> validation = n -> accuracy(n, t.validation());
        long budget = (ModelSize.bytes(net, BitWidthAssignment.uniform(net, 2))
                + ModelSize.bytes(net, BitWidthAssignment.uniform(net, 4))) / 2;
        MixedPrecisionSearchResult r = SensitivitySearch.search(net, List.of(2, 4, 8), budget, validation, quantizer);
        assertTrue(r.bytes() <= budget, r.bytes() + " > " + budget);
        double uniform2 = validation.applyAsDouble(quantizer.quantize(net, BitWidthAssignment.uniform(net, 2)));
        assertTrue(r.accuracy() >= uniform2, "mixed " + r.accuracy() + " < uniform 2-bit " + uniform2);
        assertEquals(r.accuracy(), validation.applyAsDouble(quantizer.quantize(net, r.assignment())));
    }
}
