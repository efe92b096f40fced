package dev.ablate.metrics.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy of one inference (batch size 1), from what each layer does ({@link LayerCompute}) and the energy of
 * each operation ({@link CostTable}, by default Horowitz, "Computing's energy problem (and what we can do about
 * it)", ISSCC 2014, 45 nm). Per layer:
 * <ul>
 * <li><b>compute</b>: each effective (non-skipped) MAC is one multiply and one accumulating add. Integer
 * arithmetic: {@code intMult(weightBits, activationBits) + intAdd(32)}, the sum kept in a 32-bit accumulator.
 * Floating point: {@code fpMult(activationBits) + fpAdd(activationBits)}.</li>
 * <li><b>weight traffic</b>: the packed weights (values, scales, indices) are read once from DRAM:
 * {@code dramRead(1) · weightStorageBits}. This assumes the weights do not stay on chip between inferences, as
 * Han et al., "Learning both weights and connections for efficient neural networks", NIPS 2015, §1 argue for
 * large networks; it is what makes a smaller model cheaper to run, not only cheaper to store.</li>
 * <li><b>activation traffic</b>: the layer's inputs are read and its outputs written once in on-chip SRAM, at
 * activation width: {@code sramRead(activationBits) · (activationsIn + activationsOut)}; writes are costed as
 * reads.</li>
 * </ul>
 * Not counted: bias adds, nonlinearities, pooling and softmax (small next to the MACs), partial-sum traffic, and
 * the cost of decoding sparse indices or codebooks. The estimate is a first-order model for comparing
 * compressions of one network, not a prediction for any real chip.
 */
public final class EnergyModel {

    private static final int ACCUMULATOR_BITS = 32;

    private final CostTable table;

    /** A model pricing operations by {@code table}. */
    public EnergyModel(CostTable table) {
        if (table == null) {
            throw new IllegalArgumentException("table must not be null");
        }
        this.table = table;
    }

    /** The cost table operations are priced by. */
    public CostTable table() {
        return table;
    }

    /** Energy of one inference through {@code layers}, by the rule in the class comment. */
    public EnergyEstimate estimate(List<LayerCompute> layers) {
        List<LayerEnergy> energies = new ArrayList<>(layers.size());
        double compute = 0;
        double weights = 0;
        double activations = 0;
        for (LayerCompute layer : layers) {
            LayerEnergy energy = estimate(layer);
            energies.add(energy);
            compute += energy.computePj();
            weights += energy.weightMemoryPj();
            activations += energy.activationMemoryPj();
        }
        return new EnergyEstimate(compute, weights, activations, energies);
    }

    /**
     * Total bit operations of {@code layers}: the sum of {@link LayerCompute#bops()}.
     *
     * @throws ArithmeticException if the sum overflows a long
     */
    public static long bops(List<LayerCompute> layers) {
        long sum = 0;
        for (LayerCompute layer : layers) {
            sum = Math.addExact(sum, layer.bops());
        }
        return sum;
    }

    private LayerEnergy estimate(LayerCompute layer) {
        double perMac = layer.integerArithmetic()
                ? table.intMult(layer.weightBits(), layer.activationBits()) + table.intAdd(ACCUMULATOR_BITS)
                : table.fpMult(layer.activationBits()) + table.fpAdd(layer.activationBits());
        double weightTraffic = table.dramRead(1) * layer.weightStorageBits();
        double activationTraffic = table.sramRead(layer.activationBits())
                * ((double) layer.activationsIn() + layer.activationsOut());
        return new LayerEnergy(layer.layer(), perMac * layer.macsEffective(), weightTraffic, activationTraffic);
    }
}
