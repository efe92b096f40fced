package dev.ablate.bench;

import java.util.Objects;

/**
 * fp32 {@code Network.logits} against int8 {@code IntegerNetwork.logits} for one architecture and batch size.
 *
 * @param architecture the model, e.g. {@code lenet-5}
 * @param batch        examples per call
 * @param fp32         examples per second of each fp32 repetition
 * @param int8         examples per second of each int8 repetition, interleaved with the fp32 ones
 * @param fp32Bytes    packed fp32 model: 4 bytes per parameter
 * @param int8Bytes    packed int8 model ({@code IntegerNetwork.packedBytes})
 */
public record InferenceResult(String architecture, int batch, Repetitions fp32, Repetitions int8, long fp32Bytes,
                              long int8Bytes) {

    /** Checks for nulls. */
    public InferenceResult {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(fp32, "fp32");
        Objects.requireNonNull(int8, "int8");
    }

    /** Median int8 throughput over median fp32 throughput: above 1 means int8 is faster. */
    public double speedup() {
        return int8.median() / fp32.median();
    }
}
