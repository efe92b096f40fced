package dev.ablate.nn;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code mlp} case of {@code mlp_grad.json} (PyTorch 1.13): forward activations, loss, every gradient and
 * the parameters after three SGD steps (momentum 0.9, weight decay 1e-4) and after three Adam steps
 * (lr 1e-3, betas 0.9/0.999, eps 1e-8, no weight decay); the optimizer settings are read from the file.
 *
 * <p>Tolerances as the reference README states for section 7: relative 1e-5 plus absolute 1e-6 for outputs,
 * loss and gradients; relative 1e-5 plus absolute 1e-7 for parameters after optimizer steps. The {@code conv}
 * case is {@link ConvGradReferenceTest}.
 */
class MlpGradReferenceTest {

    private JsonNode ref;
    private Network net;
    private float[] x;
    private int[] labels;

    @BeforeEach
    void setUp() {
        ref = ReferenceVectors.cases("mlp_grad.json").stream()
                .filter(c -> "mlp".equals(c.path("kind").asText())).findFirst().orElseThrow();
        net = new Network(List.of(new Linear("fc1", 4, 5), new ReLU(5), new Linear("fc2", 5, 3)));
        setParams(ref.get("params"));
        x = ReferenceVectors.floats(ref.get("input"));
        labels = ReferenceVectors.ints(ref.get("labels"));
    }

    private void setParams(JsonNode params) {
        for (Parameter p : net.parameters()) {
            float[] v = ReferenceVectors.floats(params.get(p.name()));
            assertEquals(p.size(), v.length, p.name());
            System.arraycopy(v, 0, p.data(), 0, v.length);
        }
    }

    private static void assertClose(String what, JsonNode expected, float[] actual, int count, double rel, double abs) {
        float[] e = ReferenceVectors.floats(expected);
        assertEquals(e.length, count, what + " size");
        for (int i = 0; i < count; i++) {
            if (Math.abs(actual[i] - e[i]) > abs + rel * Math.abs(e[i])) {
                fail(what + "[" + i + "]: expected " + e[i] + ", got " + actual[i]);
            }
        }
    }

    @Test
    void forwardLossAndGradientsMatchPyTorch() {
        List<Layer> layers = net.layers();
        int n = labels.length;
        float[] pre = layers.get(0).forward(x, n);
        assertClose("hidden_pre_activation", ref.get("hidden_pre_activation"), pre, n * 5, 1e-5, 1e-6);
        float[] act = layers.get(1).forward(pre, n);
        assertClose("hidden_activation", ref.get("hidden_activation"), act, n * 5, 1e-5, 1e-6);
        float[] logits = layers.get(2).forward(act, n);
        assertClose("logits", ref.get("logits"), logits, n * 3, 1e-5, 1e-6);

        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(3);
        double loss = ce.forward(net.forward(x, n), labels, n);
        double expectedLoss = ref.get("loss").asDouble();
        assertEquals(expectedLoss, loss, 1e-6 + 1e-5 * Math.abs(expectedLoss), "loss");
        net.backward(ce.backward(), n);
        for (Parameter p : net.parameters()) {
            assertClose("grad " + p.name(), ref.get("grads").get(p.name()), p.grad(), p.size(), 1e-5, 1e-6);
        }
    }

    @Test
    void threeSgdStepsMatchPyTorch() {
        JsonNode sgdRef = ref.get("sgd");
        assertEquals(0.0, sgdRef.get("dampening").asDouble());
        Sgd sgd = new Sgd(net.parameters(), sgdRef.get("lr").asDouble(), sgdRef.get("momentum").asDouble(),
                sgdRef.get("nesterov").asBoolean(), sgdRef.get("weight_decay").asDouble());
        checkSteps(sgdRef.get("steps"), sgd);
    }

    @Test
    void threeAdamStepsMatchPyTorch() {
        JsonNode adamRef = ref.get("adam");
        assertFalse(adamRef.get("amsgrad").asBoolean());
        Adam adam = new Adam(net.parameters(), adamRef.get("lr").asDouble(), adamRef.get("beta1").asDouble(),
                adamRef.get("beta2").asDouble(), adamRef.get("eps").asDouble(), adamRef.get("weight_decay").asDouble());
        checkSteps(adamRef.get("steps"), adam);
    }

    private void checkSteps(JsonNode steps, Optimizer optimizer) {
        assertEquals(3, steps.size());
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(3);
        int n = labels.length;
        for (JsonNode step : steps) {
            String at = "step " + step.get("step").asInt() + " ";
            double loss = ce.forward(net.forward(x, n), labels, n);
            double expectedLoss = step.get("loss_before").asDouble();
            assertEquals(expectedLoss, loss, 1e-6 + 1e-5 * Math.abs(expectedLoss), at + "loss_before");
            net.backward(ce.backward(), n);
            for (Parameter p : net.parameters()) {
                assertClose(at + "grad " + p.name(), step.get("grads").get(p.name()), p.grad(), p.size(), 1e-5, 1e-6);
            }
            optimizer.step();
            for (Parameter p : net.parameters()) {
                assertClose(at + "params_after " + p.name(), step.get("params_after").get(p.name()), p.data(), p.size(),
                        1e-5, 1e-7);
            }
        }
    }
}
