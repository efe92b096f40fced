package dev.ablate.compress.quant.calibration;

import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.TestTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the calibration observers: batching, bounded memory, determinism, per channel, the factory. */
class ObserverPropertyTest {

    private static QParams observeInBatches(Observer obs, float[] x, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            obs.observe(Arrays.copyOfRange(x, from, cut));
            from = cut;
        }
        return obs.observe(Arrays.copyOfRange(x, from, x.length)).calculateQParams();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minmax", "percentile", "mse"})
    void batchesGiveTheSameResultAsOneTensor(String method) {
        float[] x = TestTensors.gaussian(7, 5000, 0.3);
        for (QuantScheme scheme : QuantScheme.values()) {
            Supplier<Observer> make = () -> Observers.create(CalibrationSpec.of(method), scheme, 4, 1);
            assertEquals(make.get().observe(x).calculateQParams(), observeInBatches(make.get(), x, 1, 1300, 4999),
                    method + " " + scheme);
        }
    }

    @Test
    void sampleBasedObserversKeepAtMostTheCapAndAreDeterministic() {
        PercentileObserver big = new PercentileObserver(QuantScheme.UNSIGNED_AFFINE, 8, 1, 0.999,
                Observers.DEFAULT_SAMPLE_CAP);
        float[] batch = TestTensors.gaussian(1, 100_000, 1);
        for (int b = 0; b < 100; b++) {
            big.observe(batch);
        }
        assertEquals(Observers.DEFAULT_SAMPLE_CAP, big.retainedValues());
        assertTrue(big.calculateQParams().scales()[0] > 0);

        Supplier<MseObserver> make = () -> new MseObserver(QuantScheme.SIGNED_SYMMETRIC, 4, 2, 50, 1000);
        MseObserver a = make.get();
        MseObserver b = make.get();
        for (int i = 0; i < 20; i++) {
            float[] x = TestTensors.gaussian(100 + i, 2000, 0.5);
            a.observe(x);
            b.observe(x);
        }
        assertEquals(1000, a.retainedValues(), "500 values per channel");
        assertEquals(a.calculateQParams(), b.calculateQParams());
    }

    @Test
    void perChannelSearchesEachChannelOnItsOwn() {
        float[] w = new float[3 * 400];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(TestTensors.gaussian(c, 400, 0.1 * (c + 1)), 0, w, c * 400, 400);
        }
        for (String method : new String[] {"moving-average", "percentile", "mse"}) {
            QParams all = Observers.create(CalibrationSpec.of(method), QuantScheme.SIGNED_SYMMETRIC, 4, 3)
                    .observe(w).calculateQParams();
            for (int c = 0; c < 3; c++) {
                QParams one = Observers.create(CalibrationSpec.of(method), QuantScheme.SIGNED_SYMMETRIC, 4, 1)
                        .observe(Arrays.copyOfRange(w, c * 400, (c + 1) * 400)).calculateQParams();
                assertEquals(one.scales()[0], all.scales()[c], 0f, method + " channel " + c);
            }
        }
    }

    @Test
    void histogramObserversWidenTheirRangeAcrossBatches() {
        float[] x = TestTensors.gaussian(3, 20_000, 0.25);
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        HistogramObserver hist = new HistogramObserver(QuantScheme.SIGNED_SYMMETRIC, 8);
        EntropyObserver kl = new EntropyObserver(QuantScheme.SIGNED_SYMMETRIC, 8);
        // narrow batch first, so later batches force range growth and rebinning
        float[][] batches = {Arrays.copyOfRange(sorted, 9000, 11000), Arrays.copyOfRange(sorted, 0, 9000),
                Arrays.copyOfRange(sorted, 11000, 20000)};
        for (float[] b : batches) {
            hist.observe(b);
            kl.observe(b);
        }
        float oneBatch = new HistogramObserver(QuantScheme.SIGNED_SYMMETRIC, 8).observe(x).calculateQParams().scales()[0];
        assertEquals(oneBatch, hist.calculateQParams().scales()[0], 0.05 * oneBatch, "histogram scale");
        float klOneBatch = new EntropyObserver(QuantScheme.SIGNED_SYMMETRIC, 8).observe(x).threshold();
        // the doubled range leaves the KL histogram up to half the one-batch resolution
        assertEquals(klOneBatch, kl.threshold(), 0.1 * klOneBatch, "KL threshold");
        assertTrue(kl.threshold() <= sorted[sorted.length - 1] || kl.threshold() <= -sorted[0]);
    }

    @Test
    void nothingObservedIsAnError() {
        for (String method : Observers.METHODS) {
            Observer obs = Observers.create(CalibrationSpec.of(method), QuantScheme.UNSIGNED_AFFINE, 8, 1);
            assertThrows(IllegalStateException.class, obs::calculateQParams, method);
        }
        assertThrows(IllegalStateException.class,
                () -> new HistogramObserver(QuantScheme.UNSIGNED_AFFINE, 8).calculateQParams());
    }

    @Test
    void factoryBuildsEachMethod() {
        assertInstanceOf(MinMaxObserver.class, create("minmax", 1));
        assertInstanceOf(MovingAverageMinMaxObserver.class, create("moving-average", 4));
        assertInstanceOf(PercentileObserver.class, create("percentile", 4));
        assertInstanceOf(MseObserver.class, create("mse", 4));
        assertInstanceOf(EntropyObserver.class, create("kl", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create("kl", 4));
        assertEquals("calibration method 'kl' is per tensor only, got 4 channels", e.getMessage());
    }

    private static Observer create(String method, int channels) {
        return Observers.create(CalibrationSpec.of(method), QuantScheme.SIGNED_SYMMETRIC, 8, channels);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "entropy | 0.999 | 0.01 | 100 | calibration method: unknown method 'entropy' (valid: minmax, moving-average, percentile, mse, kl)",
        "percentile | 0.4 | 0.01 | 100 | calibration percentile must be in (0.5, 1], got 0.4",
        "moving-average | 0.999 | 0 | 100 | calibration averaging constant must be in (0, 1], got 0.0",
        "mse | 0.999 | 0.01 | 0 | calibration grid size must be at least 1, got 0",
    })
    void malformedSpecsAreRejected(String method, double q, double c, int grid, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CalibrationSpec(method, q, c, grid));
        assertEquals(message, e.getMessage());
    }
}
