package dev.ablate.nn;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code conv} case of {@code mlp_grad.json} (PyTorch 1.13): Conv2d(1->2, k=3, stride 1, padding 1) ->
 * ReLU -> MaxPool2d(2) -> flatten -> Linear(18, 3), cross-entropy mean over a batch of 2. Every activation, the
 * loss, every parameter gradient and the gradients w.r.t. the input, the conv pre-activation and the pool
 * output, with the README's section-7 tolerance: relative 1e-5 plus absolute 1e-6. (The case has no
 * optimizer steps.)
 */
class ConvGradReferenceTest {

    private static void assertClose(String what, JsonNode expected, float[] actual, int count) {
        float[] e = ReferenceVectors.floats(expected);
        assertEquals(e.length, count, what + " size");
        for (int i = 0; i < count; i++) {
            if (Math.abs(actual[i] - e[i]) > 1e-6 + 1e-5 * Math.abs(e[i])) {
                fail(what + "[" + i + "]: expected " + e[i] + ", got " + actual[i]);
            }
        }
    }

    @Test
    void forwardLossAndEveryGradientMatchPyTorch() {
        JsonNode ref = ReferenceVectors.cases("mlp_grad.json").stream()
                .filter(c -> "conv".equals(c.path("kind").asText())).findFirst().orElseThrow();
        assertArrayEquals(new int[] {2, 1, 6, 6}, ReferenceVectors.ints(ref.get("input_shape")));
        Conv2d conv = new Conv2d("conv", 1, 6, 6, 2, 3, 1, 1);
        ReLU relu = new ReLU(72);
        MaxPool2d pool = new MaxPool2d("pool", 2, 6, 6, 2, 2);
        Flatten flat = new Flatten(2, 3, 3);
        Linear fc = new Linear("fc", 18, 3);
        Network net = new Network(List.of(conv, relu, pool, flat, fc));
        assertArrayEquals(new int[] {1, 6, 6}, net.inputShape());
        for (Parameter p : net.parameters()) {
            float[] v = ReferenceVectors.floats(ref.get("params").get(p.name()));
            assertEquals(p.size(), v.length, p.name());
            System.arraycopy(v, 0, p.data(), 0, v.length);
        }
        float[] x = ReferenceVectors.floats(ref.get("input"));
        int[] labels = ReferenceVectors.ints(ref.get("labels"));
        int n = labels.length;

        float[] c = conv.forward(x, n);
        assertClose("conv_output", ref.get("conv_output"), c, n * 72);
        float[] r = relu.forward(c, n);
        assertClose("relu_output", ref.get("relu_output"), r, n * 72);
        float[] p = pool.forward(r, n);
        assertClose("pool_output", ref.get("pool_output"), p, n * 18);
        float[] f = flat.forward(p, n);
        assertClose("flattened", ref.get("flattened"), f, n * 18);
        float[] z = fc.forward(f, n);
        assertClose("logits", ref.get("logits"), z, n * 3);

        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(3);
        double loss = ce.forward(z, labels, n);
        double expectedLoss = ref.get("loss").asDouble();
        assertEquals(expectedLoss, loss, 1e-6 + 1e-5 * Math.abs(expectedLoss), "loss");

        float[] g = fc.backward(ce.backward(), n, true);
        g = flat.backward(g, n, true);
        assertClose("grad_pool_output", ref.get("grad_pool_output"), g, n * 18);
        g = pool.backward(g, n, true);
        g = relu.backward(g, n, true);
        assertClose("grad_conv_output", ref.get("grad_conv_output"), g, n * 72);
        float[] dx = conv.backward(g, n, true);
        assertClose("grad_input", ref.get("grad_input"), dx, n * 36);
        for (Parameter q : net.parameters()) {
            assertClose("grad " + q.name(), ref.get("grads").get(q.name()), q.grad(), q.size());
        }

        // the network-level passes agree with the layer-by-layer ones
        float[] again = net.forward(x, n);
        assertClose("network logits", ref.get("logits"), again, n * 3);
        ce.forward(again, labels, n);
        net.backward(ce.backward(), n);
        for (Parameter q : net.parameters()) {
            assertClose("network grad " + q.name(), ref.get("grads").get(q.name()), q.grad(), q.size());
        }
    }
}
