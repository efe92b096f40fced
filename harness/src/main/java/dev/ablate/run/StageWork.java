package dev.ablate.run;

import java.io.Serializable;

/**
 * The computation behind a stage node, run on an executor. Implementations must be serializable (Spark
 * ships them to executors) and may throw: {@link StageRunner} turns exceptions into outcomes.
 */
@FunctionalInterface
public interface StageWork extends Serializable {

    /**
     * Computes the node described by {@code task} (through the artifact store, so a node already computed
     * is only read back).
     *
     * @return for EVALUATE nodes the {@link TrialResult} JSON; null for model stages
     * @throws Exception any failure of the stage; a {@code DivergedException} marks a diverged trial
     */
    String compute(StageTask task) throws Exception;
}
