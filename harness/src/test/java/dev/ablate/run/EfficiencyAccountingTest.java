package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.metrics.cost.CostTable;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.ReLU;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The efficiency of fp32, pruned and quantized models, against counts worked out by hand. */
class EfficiencyAccountingTest {

    private static final CostTable HOROWITZ = CostTable.horowitz45nm();

    /** fc1: 100 → 20, fc2: 20 → 10; weights 2,000 + 200, biases 30. */
    private static Network mlp() {
        Linear fc1 = new Linear("fc1", 100, 20);
        Linear fc2 = new Linear("fc2", 20, 10);
        for (Linear l : List.of(fc1, fc2)) {
            float[] w = l.weight().data();
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.01f * ((i % 13) - 6) + 0.001f;
            }
        }
        return new Network(List.of(fc1, new ReLU(20), fc2));
    }

    @Test
    void anFp32ModelIsDenseAndItsOwnReference() {
        Network net = mlp();
        Efficiency e = EfficiencyAccounting.of(net, null, null, net.parameterCount(), HOROWITZ);
        assertEquals(4 * 2230L, e.modelBytes());
        assertEquals(1.0, e.compressionRatio());
        assertEquals(2200L, e.macs());
        assertEquals(2200L, e.macsDense());
        assertEquals(2200L * 32 * 32, e.bops());
        assertEquals(List.of("dense", "dense"), e.layers().stream().map(Efficiency.Layer::encoding).toList());
        assertEquals(4 * (2000L), e.layers().get(0).bytes());
        // compute: 2,200 fp32 MACs at 3.7 + 0.9 pJ; weights and biases from DRAM at 640 pJ per 32-bit word;
        // activations in and out of each layer from SRAM at 5 pJ per 32-bit word
        double expected = 2200 * (3.7 + 0.9) + 2230 * 640.0 + (100 + 20 + 20 + 10) * 5.0;
        assertEquals(expected, e.energyPj(), 1e-6 * expected);
        assertEquals("horowitz-45nm", e.costModel());
    }

    @Test
    void aPrunedModelStoresASparseIndexAndExecutesOnlyItsNonzeros() {
        Network net = mlp();
        long reference = net.parameterCount();
        float[] w = ((Linear) net.layers().get(0)).weight().data();
        for (int i = 0; i < w.length; i++) {
            if (i % 10 != 0) {
                w[i] = 0;
            }
        }
        Efficiency e = EfficiencyAccounting.of(net, null, null, reference, HOROWITZ);
        Efficiency.Layer fc1 = e.layers().get(0);
        assertEquals(200L, fc1.nonzero());
        assertEquals("relative-index", fc1.encoding());
        // 200 entries 10 apart: a 4-bit difference holds them without fillers, 36 bits each
        assertEquals(4, fc1.indexBits());
        assertEquals((200L * (32 + 4) + 7) / 8, fc1.bytes());
        assertEquals(200L, fc1.macs());
        assertEquals(2000L, fc1.macsDense());
        assertEquals(200L + 200, e.macs());
        assertTrue(e.compressionRatio() > 3.5, "fc1 shrinks ~9×, fc2 and the biases stay: " + e.compressionRatio());
    }

    @Test
    void integerCodesComeFromTheGridOfEachElementsParameterSet() {
        QuantizationRecord.IntGrid grid = new QuantizationRecord.IntGrid("fc1", new float[] {0.5f, 0.25f},
                new int[] {0, 1}, -8, 7);
        assertArrayEquals(new int[] {2, -1, 2, 3}, EfficiencyAccounting.codes(new float[] {1.0f, -0.5f, 0.25f, 0.5f}, grid));
    }
}
