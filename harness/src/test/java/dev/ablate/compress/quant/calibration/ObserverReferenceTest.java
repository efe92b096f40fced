package dev.ablate.compress.quant.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.nn.ReferenceVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case of {@code observers.json} (PyTorch 1.13), with the reference README's comparisons:
 * <ul>
 *   <li>{@code moving_average_minmax}: running min/max after each batch, scale and zero point exact;</li>
 *   <li>{@code histogram_and_calibration}: MinMax fields exact and its MSE to 1e-6 relative; the
 *       {@link HistogramObserver} port's start/end bins within 3 bins, new min/max within 3 bin widths and
 *       scale within 2%, and {@code hist_mse} of the given parameters to 1e-6; the {@link PercentileObserver}'s
 *       range and scale to 1e-6 relative, zero point within 1, its MSE to 1e-6; every {@link MseObserver} grid
 *       MSE to 1e-6 relative, its best index exact when {@code grid_best_is_clear} and its parameters equal
 *       to the grid best (else its MSE equals {@code grid_best_mse} to 1e-6).</li>
 * </ul>
 * The {@link EntropyObserver} is a different calibrator and is checked by quality: its threshold lies in
 * {@code (0, max|x|]}; on the outlier cases it clips strictly inside {@code max|x|} and quantizes the values
 * inside its threshold with less MSE than MinMax does (its whole-tensor MSE there is larger: KL does not weigh
 * how far the few outliers lie); on the gaussian and laplace cases at 4 bits its whole-tensor MSE is below
 * MinMax's.
 */
class ObserverReferenceTest {

    static Stream<Arguments> cases(String kind) {
        return ReferenceVectors.cases("observers.json").stream()
                .filter(c -> c.get("kind").asText().equals(kind))
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    static Stream<Arguments> movingAverageCases() {
        return cases("moving_average_minmax");
    }

    static Stream<Arguments> calibrationCases() {
        return cases("histogram_and_calibration");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("movingAverageCases")
    void movingAverage(String name, JsonNode c) {
        QuantScheme scheme = QuantScheme.fromSpec(c.get("scheme").asText());
        MovingAverageMinMaxObserver obs = new MovingAverageMinMaxObserver(scheme, c.get("bits").asInt(), 1,
                (float) c.get("averaging_constant").asDouble());
        float[] runMin = ReferenceVectors.floats(c.get("running_min"));
        float[] runMax = ReferenceVectors.floats(c.get("running_max"));
        for (int b = 0; b < runMin.length; b++) {
            obs.observe(ReferenceVectors.floats(c.get("batches").get(b)));
            ClipRange r = obs.clipRanges().get(0);
            assertEquals(runMin[b], r.min(), 0f, "running_min after batch " + (b + 1));
            assertEquals(runMax[b], r.max(), 0f, "running_max after batch " + (b + 1));
        }
        assertEquals(QParams.perTensor((float) c.get("scale").asDouble(), c.get("zero_point").asInt()),
                obs.calculateQParams());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calibrationCases")
    void minMax(String name, JsonNode c) {
        Case k = new Case(c);
        MinMaxObserver obs = MinMaxObserver.perTensor(k.scheme, k.bits).observe(k.x);
        assertEquals((float) c.get("minmax_min").asDouble(), obs.observedMin()[0], 0f, "minmax_min");
        assertEquals((float) c.get("minmax_max").asDouble(), obs.observedMax()[0], 0f, "minmax_max");
        QParams qp = obs.calculateQParams();
        assertEquals(k.params("minmax"), qp);
        assertRel(c.get("minmax_mse").asDouble(), k.mse(qp), "minmax_mse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calibrationCases")
    void histogram(String name, JsonNode c) {
        Case k = new Case(c);
        HistogramObserver obs = new HistogramObserver(k.scheme, k.bits).observe(k.x);
        HistogramObserver.Search s = obs.search();
        assertEquals(c.get("hist_start_bin").asInt(), s.startBin(), 3, "hist_start_bin");
        assertEquals(c.get("hist_end_bin").asInt(), s.endBin(), 3, "hist_end_bin");
        double w = (c.get("minmax_max").asDouble() - c.get("minmax_min").asDouble()) / HistogramObserver.BINS;
        assertEquals(c.get("hist_new_min").asDouble(), s.newMin(), 3 * w, "hist_new_min");
        assertEquals(c.get("hist_new_max").asDouble(), s.newMax(), 3 * w, "hist_new_max");
        double scale = c.get("hist_scale").asDouble();
        assertEquals(scale, obs.calculateQParams().scales()[0], 0.02 * scale, "hist_scale");
        assertRel(c.get("hist_mse").asDouble(), k.mse(k.params("hist")), "hist_mse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calibrationCases")
    void percentile(String name, JsonNode c) {
        Case k = new Case(c);
        PercentileObserver obs = new PercentileObserver(k.scheme, k.bits, 1, c.get("pct_q").asDouble(),
                Observers.DEFAULT_SAMPLE_CAP).observe(k.x);
        ClipRange r = obs.clipRanges().get(0);
        assertRel(c.get("pct_min").asDouble(), r.min(), "pct_min");
        assertRel(c.get("pct_max").asDouble(), r.max(), "pct_max");
        QParams qp = obs.calculateQParams();
        assertRel(c.get("pct_scale").asDouble(), qp.scales()[0], "pct_scale");
        assertEquals(c.get("pct_zero_point").asInt(), qp.zeroPoints()[0], 1, "pct_zero_point");
        assertRel(c.get("pct_mse").asDouble(), k.mse(k.params("pct")), "pct_mse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calibrationCases")
    void mseGrid(String name, JsonNode c) {
        Case k = new Case(c);
        MseObserver obs = new MseObserver(k.scheme, k.bits, 1, c.get("grid_n").asInt(), Observers.DEFAULT_SAMPLE_CAP)
                .observe(k.x);
        double[] expected = toDoubles(c.get("grid_mse"));
        double[] actual = obs.gridMse(0);
        assertEquals(expected.length, actual.length, "grid_n");
        int best = 0;
        for (int i = 0; i < actual.length; i++) {
            assertRel(expected[i], actual[i], "grid_mse[" + i + "]");
            best = actual[i] < actual[best] ? i : best;
        }
        QParams qp = obs.calculateQParams();
        if (c.get("grid_best_is_clear").asBoolean()) {
            assertEquals(c.get("grid_best_i").asInt(), best + 1, "grid_best_i");
            assertEquals(k.params("grid_best"), qp);
        } else {
            assertRel(c.get("grid_best_mse").asDouble(), k.mse(qp), "grid_best_mse");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calibrationCases")
    void entropyByQuality(String name, JsonNode c) {
        Case k = new Case(c);
        EntropyObserver obs = new EntropyObserver(k.scheme, k.bits).observe(k.x);
        float absMax = (float) Math.max(-c.get("minmax_min").asDouble(), c.get("minmax_max").asDouble());
        float t = obs.threshold();
        assertTrue(t > 0 && t <= absMax, "threshold " + t + " outside (0, max|x| = " + absMax + "]");
        QParams qp = obs.calculateQParams();
        if (name.contains("outliers")) {
            assertTrue(t < absMax, "threshold " + t + " does not clip the outliers (max|x| = " + absMax + ")");
            // KL ignores how far the few outliers lie: it trades them for resolution of the bulk
            float[] bulk = within(k.x, t);
            QParams minMax = k.params("minmax");
            assertTrue(mse(bulk, qp, k.range) < mse(bulk, minMax, k.range),
                    "KL does not quantize the values inside its threshold better than MinMax");
        }
        if (k.bits == 4 && (name.contains("gaussian_b") || name.contains("laplace"))) {
            double mse = k.mse(qp);
            assertTrue(mse < c.get("minmax_mse").asDouble(), "KL MSE " + mse + " not below MinMax's");
        }
    }

    private static float[] within(float[] x, float t) {
        int n = 0;
        float[] out = new float[x.length];
        for (float v : x) {
            if (Math.abs(v) <= t) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double mse(float[] x, QParams qp, IntRange range) {
        return FakeQuantizer.meanSquaredError(x, qp, range);
    }

    private static double[] toDoubles(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }

    private static void assertRel(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected), what);
    }

    /** One calibration case's input and scheme. */
    private static final class Case {
        final JsonNode c;
        final QuantScheme scheme;
        final int bits;
        final IntRange range;
        final float[] x;

        Case(JsonNode c) {
            this.c = c;
            this.scheme = QuantScheme.fromSpec(c.get("scheme").asText());
            this.bits = c.get("bits").asInt();
            this.range = scheme.range(bits);
            this.x = ReferenceVectors.floats(c.get("input"));
        }

        QParams params(String prefix) {
            return QParams.perTensor((float) c.get(prefix + "_scale").asDouble(), c.get(prefix + "_zero_point").asInt());
        }

        double mse(QParams qp) {
            return FakeQuantizer.meanSquaredError(x, qp, range);
        }
    }
}
