package dev.ablate.metrics.latency;

import dev.ablate.nn.Layer;
import dev.ablate.nn.Parameter;
import java.util.List;

/** A layer that only serves inference: no trainable parameters (its weights are a snapshot), no backward pass. */
interface InferenceOnlyLayer extends Layer {

    /** None: the weights are an immutable snapshot, not trained. */
    @Override
    default List<Parameter> parameters() {
        return List.of();
    }

    /** @throws UnsupportedOperationException always */
    @Override
    default float[] backward(float[] gradOutput, int n, boolean needInputGrad) {
        throw new UnsupportedOperationException(name() + ": CSR layers are inference-only");
    }
}
