package dev.ablate.compress.quant.sim;

/** The straight-through estimator's backward pass: the gradient passes where the mask is 1, else 0. */
final class StraightThrough {

    private StraightThrough() {
    }

    /**
     * {@code gradInput[i] = gradOutput[i] * mask[i]} for the first {@code length} elements, in float32 as PyTorch
     * computes it (so a blocked negative gradient is {@code -0.0}).
     */
    static void apply(float[] gradOutput, byte[] mask, int length, float[] gradInput) {
        for (int i = 0; i < length; i++) {
            gradInput[i] = gradOutput[i] * mask[i];
        }
    }
}
