package dev.ablate.metrics.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Energy of small networks computed by hand from the Horowitz 45 nm numbers. */
class EnergyModelTest {

    private static final EnergyModel MODEL = new EnergyModel(CostTable.horowitz45nm());
    private static final long MACS = 784L * 300; // 235,200: LeNet-300-100's first Linear

    private static LayerCompute fc1(long macsEffective, int bits, boolean integer, long weightStorageBits) {
        return new LayerCompute("fc1", MACS, macsEffective, bits, bits, integer, weightStorageBits, 784, 300);
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-12);
    }

    @Test
    void denseFp32LinearByHand() {
        EnergyEstimate e = MODEL.estimate(List.of(fc1(MACS, 32, false, MACS * 32)));
        assertClose(235_200 * (3.7 + 0.9), e.computePj());
        assertClose(235_200 * 640.0, e.weightMemoryPj()); // one 32-bit DRAM word per weight
        assertClose((784 + 300) * 5.0, e.activationMemoryPj());
        assertClose(235_200 * 4.6 + 235_200 * 640.0 + 1084 * 5.0, e.totalPj());
        LayerEnergy layer = e.layers().get(0);
        assertEquals("fc1", layer.layer());
        assertEquals(e.totalPj(), layer.totalPj());
    }

    @Test
    void int8CostsItsShareOfComputeAndAQuarterOfTheTraffic() {
        EnergyEstimate fp32 = MODEL.estimate(List.of(fc1(MACS, 32, false, MACS * 32)));
        EnergyEstimate int8 = MODEL.estimate(List.of(fc1(MACS, 8, true, MACS * 8)));
        assertClose(235_200 * (0.2 + 0.1), int8.computePj()); // 8×8 multiply, 32-bit accumulate
        assertClose((0.2 + 0.1) / (3.7 + 0.9), int8.computePj() / fp32.computePj());
        assertClose(0.25, int8.weightMemoryPj() / fp32.weightMemoryPj());
        assertClose(1084 * 1.25, int8.activationMemoryPj()); // an 8-bit SRAM read is a quarter of 5 pJ
    }

    @Test
    void sparsityScalesComputeByEffectiveMacs() {
        long kept = MACS / 10; // 90% of the weights pruned
        long storage = kept * (32 + 4); // fp32 values plus 4-bit relative indices, as in Han et al.
        EnergyEstimate sparse = MODEL.estimate(List.of(fc1(kept, 32, false, storage)));
        assertClose(23_520 * 4.6, sparse.computePj());
        assertClose(23_520 * 36 * 20.0, sparse.weightMemoryPj()); // 640 pJ / 32 bits = 20 pJ per bit
        assertClose(1084 * 5.0, sparse.activationMemoryPj()); // activations are not sparse
    }

    @Test
    void mixedWidthsAndWeightOnlyQuantization() {
        // int4 weights × int8 activations on integer kernels: 0.2 · (4·8)/(8·8) + 0.1
        LayerCompute w4a8 = new LayerCompute("fc", 1000, 1000, 4, 8, true, 4000, 10, 10);
        assertClose(1000 * (0.1 + 0.1), MODEL.estimate(List.of(w4a8)).computePj());
        // int4 weights dequantized to fp16: float arithmetic at the activation width
        LayerCompute w4fp16 = new LayerCompute("fc", 1000, 1000, 4, 16, false, 4000, 10, 10);
        EnergyEstimate e = MODEL.estimate(List.of(w4fp16));
        assertClose(1000 * (1.1 + 0.4), e.computePj());
        assertClose(4000 * 20.0, e.weightMemoryPj());
        assertClose(20 * 2.5, e.activationMemoryPj());
    }

    @Test
    void layersAddUpAndBopsSum() {
        List<LayerCompute> lenet = List.of(
                fc1(MACS, 32, false, MACS * 32),
                new LayerCompute("fc2", 30_000, 30_000, 32, 32, false, 30_000 * 32, 300, 100),
                new LayerCompute("fc3", 1_000, 1_000, 32, 32, false, 1_000 * 32, 100, 10));
        EnergyEstimate e = MODEL.estimate(lenet);
        assertEquals(List.of("fc1", "fc2", "fc3"), e.layers().stream().map(LayerEnergy::layer).toList());
        assertClose(266_200 * 4.6, e.computePj());
        assertClose(266_200 * 640.0, e.weightMemoryPj());
        assertClose((1084 + 400 + 110) * 5.0, e.activationMemoryPj());
        assertClose(e.layers().stream().mapToDouble(LayerEnergy::totalPj).sum(), e.totalPj());
        assertEquals(266_200L * 32 * 32, EnergyModel.bops(lenet));
        assertEquals(23_520L * 8 * 8, fc1(23_520, 8, true, 0).bops()); // effective MACs, not dense
        assertEquals(0, EnergyModel.bops(List.of()));
        assertEquals(0.0, MODEL.estimate(List.of()).totalPj());
    }

    @Test
    void pricesComeFromTheGivenTable() {
        TreeMap<Integer, Double> one = new TreeMap<>(Map.of(32, 1.0));
        EnergyModel flat = new EnergyModel(new CostTable("flat", "test", one, one, one, one, 32.0, 64.0));
        EnergyEstimate e = flat.estimate(List.of(fc1(MACS, 32, true, 100)));
        assertClose(MACS * 2.0, e.computePj());
        assertClose(200.0, e.weightMemoryPj());
        assertClose(1084 * 32.0, e.activationMemoryPj());
        assertEquals("flat", flat.table().name());
    }

    @Test
    void impossibleLayersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> fc1(MACS + 1, 8, true, 0));
        assertThrows(IllegalArgumentException.class, () -> fc1(-1, 8, true, 0));
        assertThrows(IllegalArgumentException.class, () -> fc1(MACS, 0, true, 0));
        assertThrows(IllegalArgumentException.class, () -> fc1(MACS, 8, true, -8));
        assertThrows(IllegalArgumentException.class, () -> new LayerCompute(" ", 1, 1, 8, 8, true, 8, 1, 1));
        assertThrows(ArithmeticException.class,
                () -> new LayerCompute("huge", Long.MAX_VALUE, Long.MAX_VALUE / 2, 8, 8, true, 0, 1, 1).bops());
        assertThrows(IllegalArgumentException.class, () -> new EnergyModel(null));
    }
}
