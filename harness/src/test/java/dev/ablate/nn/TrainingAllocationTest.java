package dev.ablate.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.data.Dataset;
import dev.ablate.models.ModelZoo;
import dev.ablate.spec.ModelConfig;
import dev.ablate.spec.TrainConfig;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The training loop allocates nothing per step: the bytes this thread allocates grow with the
 * number of epochs (one statistics record each), not with the number of steps. Measured only on a native
 * BLAS: netlib's Java implementations allocate inside sgemm, which is outside our control.
 */
class TrainingAllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void stepsAllocateNothing() {
        Assumptions.assumeTrue(Blas.implementationName().startsWith("JNIBLAS"), "needs a native BLAS: "
                + Blas.implementationName());
        Dataset train = TestNetworks.xorLike("xor", 64 * 100, 1);
        Dataset none = new Dataset("none", new float[0], new int[0], train.exampleShape(), train.classNames());
        for (ModelConfig model : List.of(new ModelConfig("mlp", List.of(64, 32), "relu", 0.1, true),
                new ModelConfig("mlp", List.of(32), "tanh"))) {
            for (String optimizer : List.of("sgd", "adam")) {
                Network net = ModelZoo.build(model, train.exampleShape(), 4, 3);
                Trainer trainer = new Trainer();
                TrainConfig warm = new TrainConfig(15, 64, optimizer, 0.01, 0.9, 1e-4);
                trainer.train(net, train, none, warm, 1, EpochListener.NONE); // let the JIT compile the loop
                // the vector kernels allocate until C2 has compiled them, which may take a few more rounds; a real
                // per-step allocation never goes away, so the best of a few rounds is what counts
                double perStep = Double.MAX_VALUE;
                for (int round = 0; round < 5 && perStep >= 64; round++) {
                    long before = allocated();
                    trainer.train(net, train, none, warm.withEpochs(2), 2, EpochListener.NONE);
                    long twoEpochs = allocated() - before;
                    before = allocated();
                    trainer.train(net, train, none, warm.withEpochs(6), 2, EpochListener.NONE);
                    long sixEpochs = allocated() - before;
                    perStep = Math.min(perStep, (sixEpochs - twoEpochs) / (4.0 * 100));
                }
                assertTrue(perStep < 64, model + " " + optimizer + ": " + perStep + " bytes allocated per step");
            }
        }
    }
}
