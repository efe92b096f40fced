package dev.ablate.compress.distill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.nn.ReferenceVectors;
import dev.ablate.nn.SoftmaxCrossEntropy;
import dev.ablate.spec.KdParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link KdLoss} against {@code kd_loss.json} (PyTorch 1.13; tolerance relative 1e-5 plus absolute 1e-6 as the
 * reference README's section 6 states), against central differences, and the properties that tie it to
 * cross-entropy and to the temperature.
 */
class KdLossTest {

    private static final int CLASSES = 5;
    private static final int BATCH = 6;

    static Stream<JsonNode> referenceCases() {
        return ReferenceVectors.cases("kd_loss.json").stream();
    }

    /** The reference teacher logits become SoftTargets (log_softmax), looked up through a shuffled example order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void matchesPyTorch(JsonNode ref) {
        int b = ref.get("batch").intValue();
        int c = ref.get("classes").intValue();
        float[] student = ReferenceVectors.floats(ref.get("student_logits"));
        float[] teacher = ReferenceVectors.floats(ref.get("teacher_logits"));
        int[] labels = ReferenceVectors.ints(ref.get("labels"));
        // row r of the batch is example examples[r] of the table: exercises the lookup, not just row order
        int[] examples = IntStream.range(0, b).map(r -> (r * 3 + 1) % b).toArray();
        float[] table = new float[b * c];
        int[] tableLabels = new int[b];
        for (int r = 0; r < b; r++) {
            System.arraycopy(teacher, r * c, table, examples[r] * c, c);
            tableLabels[examples[r]] = labels[r];
        }
        KdLoss loss = new KdLoss(SoftTargets.fromLogits(table, c, tableLabels),
                new KdParams(ref.get("T").doubleValue(), ref.get("alpha").doubleValue()));

        double value = loss.forward(student, labels, examples, b);

        assertClose(ref.get("name").asText() + " loss", ref.get("loss").doubleValue(), value);
        float[] expected = ReferenceVectors.floats(ref.get("grad_student_logits"));
        float[] grad = loss.backward();
        for (int i = 0; i < expected.length; i++) {
            assertClose(ref.get("name").asText() + " grad[" + i + "]", expected[i], grad[i]);
        }
    }

    private static void assertClose(String what, double expected, double actual) {
        if (Math.abs(actual - expected) > 1e-6 + 1e-5 * Math.abs(expected)) {
            fail(what + ": expected " + expected + ", got " + actual);
        }
    }

    @ParameterizedTest(name = "T={0} alpha={1}")
    @CsvSource({"1, 0.5", "2, 0.9", "4, 0.9", "20, 1.0", "4, 0.0"})
    void gradientMatchesCentralDifferences(double t, double alpha) {
        Batch batch = Batch.random(7, 3.0);
        KdLoss loss = new KdLoss(batch.targets, new KdParams(t, alpha));
        loss.forward(batch.student, batch.labels, batch.examples, BATCH);
        float[] analytic = loss.backward().clone();
        double h = 1e-2;
        for (int i = 0; i < BATCH * CLASSES; i++) {
            float[] plus = batch.student.clone();
            float[] minus = batch.student.clone();
            plus[i] = (float) (plus[i] + h);
            minus[i] = (float) (minus[i] - h);
            double numeric = (loss.forward(plus, batch.labels, batch.examples, BATCH)
                    - loss.forward(minus, batch.labels, batch.examples, BATCH)) / ((double) plus[i] - minus[i]);
            if (Math.abs(analytic[i] - numeric) > 1e-4 + 1e-3 * Math.abs(numeric)) {
                fail("T=" + t + " alpha=" + alpha + " grad[" + i + "]: analytic " + analytic[i] + " vs numeric " + numeric);
            }
        }
    }

    @ParameterizedTest(name = "T={0}")
    @CsvSource({"1", "4", "20"})
    void alphaZeroIsCrossEntropyExactly(double t) {
        Batch batch = Batch.random(11, 5.0);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(CLASSES);
        KdLoss kd = new KdLoss(batch.targets, new KdParams(t, 0.0));

        assertEquals(ce.forward(batch.student, batch.labels, BATCH),
                kd.forward(batch.student, batch.labels, batch.examples, BATCH));
        assertArrayEquals(ce.backward(), kd.backward());
    }

    /**
     * softmax(c·z / (c·T)) = softmax(z / T): scaling student, teacher and T by c leaves the soft distributions
     * unchanged, so with α = 1 the loss (which carries T²) scales by c² and its gradient (which carries T) by c.
     */
    @ParameterizedTest(name = "c={0}")
    @CsvSource({"2", "0.25", "8"})
    void scalingLogitsAndTemperatureTogetherScalesLossByTSquared(float c) {
        Batch batch = Batch.random(13, 2.0);
        double t = 3;
        KdLoss base = new KdLoss(batch.targets, new KdParams(t, 1.0));
        double loss = base.forward(batch.student, batch.labels, batch.examples, BATCH);
        float[] grad = base.backward().clone();

        KdLoss scaled = new KdLoss(scale(batch.targets, c), new KdParams(c * t, 1.0));
        double scaledLoss = scaled.forward(scale(batch.student, c), batch.labels, batch.examples, BATCH);
        float[] scaledGrad = scaled.backward();

        assertEquals(c * c * loss, scaledLoss, 1e-5 * c * c * Math.abs(loss));
        for (int i = 0; i < grad.length; i++) {
            assertEquals(c * grad[i], scaledGrad[i], 1e-6 + 1e-5 * Math.abs(c * grad[i]), "grad[" + i + "]");
        }
    }

    /**
     * Hinton et al. 2015, §2.1: at high temperature the soft gradient T·(p_s − p_t)/B tends to
     * (ŝ − t̂)/(C·B), where ŝ and t̂ are the zero-mean logits (log-probabilities differ from logits by a
     * per-row constant, which centring removes). The next term of the expansion is O(max|z| / T) relative,
     * about 5e-3 here.
     */
    @Test
    void highTemperatureGradientMatchesLogitMatching() {
        Batch batch = Batch.random(17, 1.0);
        KdLoss loss = new KdLoss(batch.targets, new KdParams(1000, 1.0));
        loss.forward(batch.student, batch.labels, batch.examples, BATCH);
        float[] grad = loss.backward();
        float[] table = batch.targets.logProbabilities();
        for (int r = 0; r < BATCH; r++) {
            double sMean = 0;
            double tMean = 0;
            for (int j = 0; j < CLASSES; j++) {
                sMean += batch.student[r * CLASSES + j] / CLASSES;
                tMean += table[batch.examples[r] * CLASSES + j] / CLASSES;
            }
            for (int j = 0; j < CLASSES; j++) {
                double s = batch.student[r * CLASSES + j] - sMean;
                double u = table[batch.examples[r] * CLASSES + j] - tMean;
                double expected = (s - u) / (CLASSES * BATCH);
                assertEquals(expected, grad[r * CLASSES + j], 2e-2 * Math.abs(expected) + 1e-6);
            }
        }
    }

    @Test
    void studentEqualToTeacherHasZeroSoftLossAndGradient() {
        Batch batch = Batch.random(19, 3.0);
        float[] student = new float[BATCH * CLASSES];
        for (int r = 0; r < BATCH; r++) {
            System.arraycopy(batch.targets.logProbabilities(), batch.examples[r] * CLASSES, student, r * CLASSES, CLASSES);
        }
        KdLoss loss = new KdLoss(batch.targets, new KdParams(4, 1.0));
        assertEquals(0, loss.forward(student, batch.labels, batch.examples, BATCH), 1e-6);
        for (float g : loss.backward()) {
            assertEquals(0, g, 1e-7);
        }
    }

    @Test
    void teacherZeroProbabilitiesContributeNothing() {
        float[] table = {0f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        KdLoss loss = new KdLoss(new SoftTargets(3, table, Double.NaN), new KdParams(2, 1.0));
        float[] student = {1f, -1f, 0.5f};
        double value = loss.forward(student, new int[] {0}, new int[] {0}, 1);
        // KL(onehot ‖ p_s) = −log p_s[0] at T = 2, times T²
        double[] z = {0.5, -0.5, 0.25};
        double logZ = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
        assertEquals(4 * (logZ - z[0]), value, 1e-9);
        for (float g : loss.backward()) {
            assertEquals(true, Float.isFinite(g));
        }
    }

    @Test
    void rejectsExampleIndicesOutsideTheTargets() {
        Batch batch = Batch.random(23, 1.0);
        KdLoss loss = new KdLoss(batch.targets, new KdParams(2, 0.5));
        int[] examples = batch.examples.clone();
        examples[2] = batch.targets.size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.forward(batch.student, batch.labels, examples, BATCH));
        assertEquals(true, e.getMessage().contains("example index " + batch.targets.size()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new KdLoss(batch.targets, new KdParams(2, 0.5)).backward());
    }

    private static float[] scale(float[] a, float c) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * c;
        }
        return out;
    }

    private static SoftTargets scale(SoftTargets t, float c) {
        return new SoftTargets(t.classes(), scale(t.logProbabilities(), c), t.accuracy());
    }

    /** A random batch drawing its teacher rows from a larger table, in a scrambled order. */
    private record Batch(float[] student, int[] labels, int[] examples, SoftTargets targets) {
        static Batch random(long seed, double scale) {
            SplittableRandom rng = new SplittableRandom(seed);
            int rows = 2 * BATCH;
            float[] teacher = new float[rows * CLASSES];
            int[] tableLabels = new int[rows];
            for (int i = 0; i < teacher.length; i++) {
                teacher[i] = (float) (rng.nextGaussian() * scale);
            }
            for (int i = 0; i < rows; i++) {
                tableLabels[i] = rng.nextInt(CLASSES);
            }
            float[] student = new float[BATCH * CLASSES];
            for (int i = 0; i < student.length; i++) {
                student[i] = (float) (rng.nextGaussian() * scale);
            }
            int[] examples = new int[BATCH];
            int[] labels = new int[BATCH];
            for (int r = 0; r < BATCH; r++) {
                examples[r] = (r * 5 + 3) % rows;
                labels[r] = tableLabels[examples[r]];
            }
            return new Batch(student, labels, examples, SoftTargets.fromLogits(teacher, CLASSES, tableLabels));
        }
    }
}
