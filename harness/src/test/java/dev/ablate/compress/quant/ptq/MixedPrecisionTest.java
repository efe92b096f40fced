package dev.ablate.compress.quant.ptq;

import dev.ablate.compress.quant.IntFormats;
import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ablate.compress.quant.ptq.PtqTestNetworks.accuracy;
import static dev.ablate.compress.quant.ptq.PtqTestNetworks.zoo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixedPrecisionTest {

    private static final Network MLP = zoo("mlp", List.of(16, 12), new int[] {8}, 4, 3);

    private static int distinctValues(float[] w) {
        Set<Float> s = new HashSet<>();
        for (float v : w) {
            s.add(v);
        }
        return s.size();
    }

    @Test
    void edgeLayersKeepTheirPrecision() {
        BitWidthAssignment a = BitWidthAssignment.uniform(MLP, 2).withEdgeLayers(8);
        assertEquals(List.of("fc1", "fc2", "fc3"), a.layers());
        assertEquals(Map.of("fc1", 8, "fc2", 2, "fc3", 8), a.bits());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.bitsOf("conv1"));
        assertTrue(e.getMessage().contains("[fc1, fc2, fc3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.with("fc2", 0));
    }

    @Test
    void quantizesEachLayerInTheFormatOfItsWidth() {
        BitWidthAssignment a = BitWidthAssignment.uniform(MLP, 3).with("fc2", 8);
        MixedPrecisionNetwork q = MixedPrecision.apply(MLP, a, IntFormats::perTensor, 0);
        // symmetric 3-bit per tensor: at most 8 codes; 8 bits: more than 8 distinct values among 192 weights
        assertTrue(distinctValues(q.network().parameter("fc1.weight").data()) <= 8);
        assertTrue(distinctValues(q.network().parameter("fc2.weight").data()) > 8);
        QuantizationReport fc2 = q.reports().get("fc2");
        assertEquals(8, fc2.elementBits());
        assertArrayEquals(MLP.parameter("fc1.bias").data(), q.network().parameter("fc1.bias").data());
        assertEquals(List.of("fc1", "fc2", "fc3"), List.copyOf(q.reports().keySet()));
    }

    @Test
    void rejectsAnAssignmentForAnotherNetwork() {
        Network other = zoo("mlp", List.of(16), new int[] {8}, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MixedPrecision.apply(other, BitWidthAssignment.uniform(MLP, 4), IntFormats::perTensor, 0));
        assertTrue(e.getMessage().contains("[fc1, fc2]"), e.getMessage());
    }

    @Test
    void layerSensitivityQuantizesOneLayerAtATime() {
        PtqTestNetworks.Trained t = PtqTestNetworks.Trained.mlp();
        double floatAccuracy = accuracy(t.net(), t.validation());
        List<LayerSensitivityRecord> rows = LayerSensitivity.measure(t.net(), IntFormats.perTensor(2),
                n -> accuracy(n, t.validation()), 0);
        assertEquals(List.of("fc1", "fc2", "fc3"), rows.stream().map(LayerSensitivityRecord::layer).toList());
        assertEquals(List.of(16L * 32 + 32, 32L * 32 + 32, 32L * 6 + 6),
                rows.stream().map(LayerSensitivityRecord::parameters).toList());
        for (LayerSensitivityRecord r : rows) {
            assertEquals(2, r.bits());
            assertTrue(r.weightMse() > 0 && r.sqnrDb() > 0 && r.sqnrDb() < 20, r.toString());
            assertTrue(r.accuracy() <= floatAccuracy + 0.02, r + " vs float " + floatAccuracy);
        }
        // exact at 16 bits per channel: SQNR far above 2 bits
        LayerSensitivityRecord fine = LayerSensitivity.measure(t.net(), IntFormats.perChannel(16),
                n -> accuracy(n, t.validation()), 0).get(0);
        assertTrue(fine.sqnrDb() > 80, fine.toString());
        assertEquals(floatAccuracy, fine.accuracy(), 0.002);
    }
}
