package dev.ablate.compress.quant.format;

import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.Observer;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.TestTensors;
import dev.ablate.spec.Granularity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorFormatPropertyTest {

    private static final int[] SHAPE = {8, 100}; // 100 per row: three full MX blocks and one of 4

    /**
     * A valid spec of every registered format, from its descriptor: its own width (4 bits for int, 3 for a
     * codebook), per tensor, or per group at the block size its standard fixes.
     */
    static FormatSpec validSpec(String name) {
        WeightFormat f = TensorFormats.named(name);
        int bits = f.width() > 0 ? f.width() : f == TensorFormats.CODEBOOK ? 3 : 4;
        return f.blockSize() > 0
                ? new FormatSpec(name, bits, true, Granularity.PER_GROUP, f.blockSize(), Rounding.NEAREST_EVEN, false)
                : FormatSpec.of(name, bits);
    }

    static TensorFormat create(FormatSpec spec) {
        return TensorFormats.create(spec, null);
    }

    static float[] apply(TensorFormat f, float[] x, int[] shape) {
        float[] out = new float[x.length];
        f.quantize(x, shape, out, null, new SplittableRandom(5));
        return out;
    }

    static java.util.List<String> names() {
        return TensorFormats.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyNameBuildsAFormatOfThatName(String name) {
        assertEquals(name, create(validSpec(name)).name());
    }

    /**
     * Each descriptor says what its format does: the width a resolved config records is the width the format
     * packs, and a fixed-width format that takes a calibration (the scaled floats) has scales at a granularity and
     * none without.
     */
    @ParameterizedTest
    @MethodSource("names")
    void eachDescriptorDescribesItsFormat(String name) {
        WeightFormat descriptor = TensorFormats.named(name);
        FormatSpec spec = validSpec(name);
        QuantizationReport r = create(spec).quantize(TestTensors.gaussian(3, 800, 0.1), SHAPE, new float[800], null,
                new SplittableRandom(1));
        assertEquals(descriptor.elementBits(spec.bits()), r.elementBits(), name);
        if (descriptor.takes("calibration") && descriptor.width() > 0) {
            assertTrue(create(new FormatSpec(name, spec.bits(), true, Granularity.PER_CHANNEL, 0, Rounding.NEAREST_EVEN,
                    false)) instanceof ScaledFloatFormat, name);
            assertTrue(create(new FormatSpec(name, spec.bits(), true, Granularity.NONE, 0, Rounding.NEAREST_EVEN,
                    false)) instanceof FloatTensorFormat, name);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void quantizingTwiceChangesNothing(String name) {
        TensorFormat f = create(validSpec(name));
        float[] x = TestTensors.gaussian(name.hashCode(), 800, 0.7);
        float[] once = apply(f, x, SHAPE);
        if (name.equals("int")) {
            // min-max re-observation may pick another scale, so the grid (the reported QParams) is what is fixed
            QParams qp = f.quantize(x, SHAPE, new float[x.length], null, null).intParams();
            assertArrayEquals(once, FakeQuantizer.fakeQuantize(once, qp, ((IntFormat) f).range()));
        } else {
            assertArrayEquals(once, apply(f, once, SHAPE), name);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void outputMayOverwriteTheInput(String name) {
        TensorFormat f = create(validSpec(name));
        float[] x = TestTensors.gaussian(9, 800, 1.0);
        float[] expected = apply(f, x, SHAPE);
        f.quantize(x, SHAPE, x, null, new SplittableRandom(5));
        assertArrayEquals(expected, x, name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void shapeMismatchIsRejected(String name) {
        TensorFormat f = create(validSpec(name));
        assertThrows(IllegalArgumentException.class, () -> f.quantize(new float[10], new int[] {3, 3},
                new float[10], null, null));
    }

    // ---- int ----

    /** An observer that ignores what it sees and returns fixed parameters: a calibrated range. */
    static Observer fixed(QParams qp, IntRange range) {
        return new Observer() {
            @Override
            public Observer observe(float[] x) {
                return this;
            }

            @Override
            public QParams calculateQParams() {
                return qp;
            }

            @Override
            public IntRange range() {
                return range;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void intErrorWithinHalfAStepInsideAndSaturatedOutside(boolean symmetric) {
        QuantScheme scheme = symmetric ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
        int bits = 4;
        QParams calibrated = MinMaxObserver.perTensor(scheme, bits).observe(TestTensors.gaussian(1, 500, 1.0)).calculateQParams();
        IntRange range = scheme.range(bits);
        TensorFormat f = new IntFormat(scheme, bits, Granularity.PER_TENSOR, 0, Rounding.NEAREST_EVEN, false,
                channels -> fixed(calibrated, range));
        float[] x = TestTensors.gaussian(2, 2000, 2.0);
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = f.quantize(x, new int[] {2000}, out, mask, null);
        float scale = calibrated.scales()[0];
        int zp = calibrated.zeroPoints()[0];
        float lo = (range.min() - zp) * scale;
        float hi = (range.max() - zp) * scale;
        long clipped = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= lo && x[i] <= hi) {
                assertTrue(Math.abs(out[i] - x[i]) <= scale * 0.5001, x[i] + " -> " + out[i]);
            } else if (x[i] > hi + scale / 2 || x[i] < lo - scale / 2) {
                assertEquals(x[i] > hi ? hi : lo, out[i], 1e-6f, "saturates");
                assertEquals(0, mask[i]);
                clipped++;
            }
        }
        assertTrue(clipped > 0, "the test data reaches beyond the calibrated range");
        assertEquals(r.clipped(), count0(mask));
        assertEquals(calibrated, r.intParams());
        assertEquals(bits, r.elementBits());
        assertEquals(symmetric ? 32 : 32 + bits, r.overheadBits());
    }

    static long count0(byte[] mask) {
        long n = 0;
        for (byte m : mask) {
            n += 1 - m;
        }
        return n;
    }

    @Test
    void intNearestEvenIsBitIdenticalToTheTorchFakeQuantizer() {
        float[] x = TestTensors.gaussian(3, 800, 1.5);
        QParams qp = MinMaxObserver.perChannel(QuantScheme.SIGNED_SYMMETRIC, 8, 8).observe(x).calculateQParams();
        FakeQuantizer.Result expected = FakeQuantizer.fakeQuantizeWithCodes(x, qp, QuantScheme.SIGNED_SYMMETRIC.range(8));
        TensorFormat f = create(new FormatSpec("int", 8, true, Granularity.PER_CHANNEL, 0, Rounding.NEAREST_EVEN,
                false));
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = f.quantize(x, SHAPE, out, mask, null);
        assertArrayEquals(expected.output(), out);
        assertArrayEquals(expected.mask(), mask);
        assertEquals(qp, r.intParams());
    }

    @Test
    void perGroupOfAWholeRowIsPerChannel() {
        float[] x = TestTensors.gaussian(4, 800, 1.0);
        for (boolean symmetric : new boolean[] {true, false}) {
            TensorFormat channel = create(new FormatSpec("int", 3, symmetric, Granularity.PER_CHANNEL, 0,
                    Rounding.NEAREST_EVEN, false));
            TensorFormat group = create(new FormatSpec("int", 3, symmetric, Granularity.PER_GROUP, 100,
                    Rounding.NEAREST_EVEN, false));
            float[] a = new float[x.length];
            float[] b = new float[x.length];
            assertEquals(channel.quantize(x, SHAPE, a, null, null), group.quantize(x, SHAPE, b, null, null));
            assertArrayEquals(a, b);
        }
    }

    @Test
    void perGroupHasOneScaleSetPerGroupAndNeedsWholeGroups() {
        TensorFormat f = create(new FormatSpec("int", 4, true, Granularity.PER_GROUP, 25, Rounding.NEAREST_EVEN,
                false));
        QuantizationReport r = f.quantize(TestTensors.gaussian(5, 800, 1), SHAPE, new float[800], null, null);
        assertEquals(32, r.intParams().channelCount());
        TensorFormat bad = create(new FormatSpec("int", 4, true, Granularity.PER_GROUP, 30, Rounding.NEAREST_EVEN,
                false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bad.quantize(new float[800], SHAPE, new float[800], null, null));
        assertTrue(e.getMessage().contains("row length 100 is not a multiple of group_size 30"), e.getMessage());
    }

    @Test
    void powerOfTwoScalesRoundUpAndClipNothingExtra() {
        float[] x = TestTensors.gaussian(6, 800, 1.3);
        for (boolean symmetric : new boolean[] {true, false}) {
            FormatSpec plain = new FormatSpec("int", 4, symmetric, Granularity.PER_CHANNEL, 0, Rounding.NEAREST_EVEN,
                    false);
            QParams observed = create(plain).quantize(x, SHAPE, new float[800], null, null).intParams();
            QuantizationReport r = create(new FormatSpec("int", 4, symmetric, Granularity.PER_CHANNEL, 0,
                    Rounding.NEAREST_EVEN, true)).quantize(x, SHAPE, new float[800], null, null);
            float[] before = observed.scales();
            float[] after = r.intParams().scales();
            for (int c = 0; c < after.length; c++) {
                assertEquals(after[c], Math.scalb(1f, Math.getExponent(after[c])), "power of two: " + after[c]);
                assertTrue(after[c] >= before[c] && after[c] < 2 * before[c], before[c] + " -> " + after[c]);
            }
            assertEquals(0, r.clipped());
        }
    }

    @Test
    void stochasticIntRoundingIsUnbiasedAndReproducible() {
        QParams qp = QParams.perTensor(0.25f, 0);
        IntRange range = QuantScheme.SIGNED_SYMMETRIC.range(8);
        int n = 20_000;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 0.3f); // 0.2 of a step above 0.25
        TensorFormat f = new IntFormat(QuantScheme.SIGNED_SYMMETRIC, 8, Granularity.PER_TENSOR, 0,
                Rounding.STOCHASTIC, false, c -> fixed(qp, range));
        float[] a = new float[n];
        float[] b = new float[n];
        f.quantize(x, new int[] {n}, a, null, new SplittableRandom(8));
        f.quantize(x, new int[] {n}, b, null, new SplittableRandom(8));
        assertArrayEquals(a, b);
        double mean = 0;
        for (float v : a) {
            assertTrue(v == 0.25f || v == 0.5f, "a neighbour: " + v);
            mean += v / n;
        }
        assertEquals(0.3, mean, 4 * 0.25 * Math.sqrt(0.2 * 0.8 / n));
    }

    // ---- block formats ----

    /** A value the element format holds exactly, chosen at random; {@code max} picks the largest magnitude. */
    static float elementValue(String mx, SplittableRandom rng, boolean max) {
        float sign = rng.nextBoolean() ? 1 : -1;
        return switch (mx) {
            case "mxfp8" -> sign * (max ? 448f : FloatFormat.FP8_E4M3.decode(rng.nextInt(0x7F)));
            case "mxfp4" -> sign * (max ? 6f : FloatFormat.FP4_E2M1.decode(rng.nextInt(8)));
            case "mxint8" -> sign * (max ? 127 : rng.nextInt(128)) / 64f;
            default -> throw new IllegalArgumentException(mx);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"mxfp8", "mxfp4", "mxint8"})
    void exactlyRepresentableBlocksRoundTripExactly(String name) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        float[] x = new float[800];
        for (int row = 0; row < 8; row++) {
            for (int from = row * 100; from < row * 100 + 100; from += 32) {
                int scaleExp = rng.nextInt(-30, 30);
                int to = Math.min(from + 32, row * 100 + 100);
                int maxAt = rng.nextInt(from, to);
                for (int i = from; i < to; i++) {
                    x[i] = Math.scalb(elementValue(name, rng, i == maxAt), scaleExp);
                }
            }
        }
        float[] out = new float[x.length];
        byte[] mask = new byte[x.length];
        QuantizationReport r = create(validSpec(name)).quantize(x, SHAPE, out, mask, null);
        assertArrayEquals(x, out);
        assertEquals(0, r.clipped());
        assertEquals(0, count0(mask));
        assertEquals(8L * 4 * 8, r.overheadBits(), "4 blocks of 8 bits per row");
        assertEquals(name.equals("mxfp4") ? 4 : 8, r.elementBits());
    }

    @Test
    void mxScaleFollowsTheBlockMaximumAndSaturates() {
        float[] x = new float[64];
        x[0] = 511f; // floor(log2 511) = 8 = emax(E4M3): X = 1, so 511 saturates to 448
        x[1] = 3.3f;
        x[2] = Float.NaN; // only the first block turns NaN ...
        x[32] = 6f;
        x[33] = -1.1f;
        float[] out = new float[64];
        QuantizationReport r = create(validSpec("mxfp4")).quantize(x, new int[] {1, 64}, out, null, null);
        for (int i = 0; i < 32; i++) {
            assertTrue(Float.isNaN(out[i]), "NaN block: " + out[i]);
        }
        assertEquals(6f, out[32]);
        assertEquals(-1f, out[33]);
        assertEquals(0f, out[40]);
        assertEquals(1f, r.scaleMin(), "the finite block's scale");
        x[2] = 0;
        out = new float[64];
        r = create(validSpec("mxfp8")).quantize(x, new int[] {1, 64}, out, null, null);
        assertEquals(448f, out[0]);
        assertEquals(3.25f, out[1], "3.3 / X=1 in E4M3 (step 0.25 in [2, 4))");
        assertEquals(1, r.clipped());
        float[] zeros = new float[40];
        r = create(validSpec("mxint8")).quantize(zeros, new int[] {1, 40}, out = new float[40], null, null);
        assertArrayEquals(zeros, out);
        assertTrue(Float.isNaN(r.scaleMin()), "all-zero blocks report no scale");
    }

    // ---- binary, ternary ----

    @Test
    void binaryIsSignTimesMeanMagnitudePerChannel() {
        float[] x = {1, -3, 0, 4, /* row 2 */ -2, -2, 2, 2};
        float[] out = new float[8];
        QuantizationReport r = create(new FormatSpec("binary", 1, true, Granularity.PER_CHANNEL, 0,
                Rounding.NEAREST_EVEN, false)).quantize(x, new int[] {2, 4}, out, null, null);
        assertArrayEquals(new float[] {2, -2, 2, 2, -2, -2, 2, 2}, out, "sign(0) = +1");
        assertEquals(2f, r.scaleMin());
        assertEquals(64, r.overheadBits());
        assertNull(r.intParams());
    }

    @Test
    void ternaryThresholdsAtSevenTenthsOfTheMeanMagnitude() {
        // mean|w| = 1, delta = 0.7: values above it are 0.8, -1.2, 3 -> alpha = 5/3
        float[] x = {0.8f, -1.2f, 3f, 0.5f, -0.5f, 0f};
        float[] out = new float[6];
        QuantizationReport r = create(FormatSpec.of("ternary", 2)).quantize(x, new int[] {6}, out, null, null);
        float alpha = (float) (((double) 0.8f + (double) 1.2f + 3.0) / 3);
        assertArrayEquals(new float[] {alpha, -alpha, alpha, 0, 0, 0}, out);
        assertEquals(alpha, r.scaleMax());
        assertEquals(2, r.elementBits());
    }

    // ---- codebook ----

    @Test
    void codebookRecoversWellSeparatedClusterCentres() {
        double[] centres = {-3, -1, 0.5, 4};
        SplittableRandom rng = new SplittableRandom(10);
        float[] x = new float[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (centres[i % 4] + 0.05 * rng.nextGaussian());
        }
        Codebook cb = new CodebookFormat(2).fit(x);
        assertTrue(cb.converged());
        float[] c = cb.centroids();
        for (int j = 0; j < 4; j++) {
            assertEquals(centres[j], c[j], 0.01, "centroid " + j);
        }
    }

    @Test
    void kMeansNeverIncreasesTheErrorOfItsLinearInitialisation() {
        for (int bits = 1; bits <= 5; bits++) {
            float[] x = TestTensors.gaussian(bits, 5000, 1.0);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double init = mse(x, Codebook.linear(min, max, 1 << bits));
            double fitted = mse(x, new CodebookFormat(bits).fit(x));
            assertTrue(fitted <= init * (1 + 1e-6), bits + " bits: " + fitted + " > " + init);
        }
    }

    static double mse(float[] x, Codebook cb) {
        double sum = 0;
        for (float v : x) {
            double d = v - cb.nearest(v);
            sum += d * d;
        }
        return sum / x.length;
    }

    @Test
    void prunedZerosStayZeroAndLargeTensorsAreFast() {
        float[] x = TestTensors.gaussian(11, 400_000, 0.1);
        for (int i = 0; i < x.length; i += 2) {
            x[i] = 0;
        }
        float[] out = new float[x.length];
        long start = System.nanoTime();
        QuantizationReport r = create(new FormatSpec("codebook", 4, true, Granularity.PER_TENSOR, 0,
                Rounding.NEAREST_EVEN, false)).quantize(x, new int[] {400, 1000}, out, null, null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        java.util.Set<Float> levels = new java.util.HashSet<>();
        for (int i = 0; i < x.length; i++) {
            if (i % 2 == 0) {
                assertEquals(0f, out[i]);
            } else {
                levels.add(out[i]);
            }
        }
        assertTrue(levels.size() <= 16, levels.size() + " levels");
        assertEquals(16 * 32, r.overheadBits());
        assertTrue(millis < 2000, "400k elements took " + millis + " ms");
    }

    // ---- factory ----

    @ParameterizedTest
    @MethodSource("invalidSpecs")
    void invalidCombinationsAreRejectedWithTheReason(FormatSpec spec, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(spec));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> invalidSpecs() {
        Rounding ne = Rounding.NEAREST_EVEN;
        Granularity t = Granularity.PER_TENSOR;
        return java.util.stream.Stream.of(
                args(FormatSpec.of("int4", 4), "unknown format 'int4' (valid: int, binary"),
                args(FormatSpec.of("fp8-e4m3", 4), "format 'fp8-e4m3': bits must be 8"),
                args(FormatSpec.of("fp16", 8), "bits must be 16"),
                args(new FormatSpec("fp16", 16, true, Granularity.PER_CHANNEL, 0, ne, false), "must be per-tensor"),
                args(FormatSpec.of("mxfp4", 4), "granularity must be per-group"),
                args(new FormatSpec("mxfp4", 4, true, Granularity.PER_GROUP, 16, ne, false), "group_size must be 32"),
                args(new FormatSpec("binary", 1, true, Granularity.PER_GROUP, 8, ne, false),
                        "binary: granularity must be per-tensor or per-channel"),
                args(new FormatSpec("ternary", 2, true, t, 0, Rounding.STOCHASTIC, false), "rounding must be"),
                args(new FormatSpec("codebook", 4, true, Granularity.PER_CHANNEL, 0, ne, false),
                        "granularity must be per-tensor"),
                args(new FormatSpec("bf16", 16, false, t, 0, ne, false), "applies only to int"),
                args(new FormatSpec("fp8-e5m2", 8, true, Granularity.NONE, 0, ne, true),
                        "power-of-two scales apply only to int and scaled fp8/fp4"),
                args(new FormatSpec("int", 8, true, Granularity.NONE, 0, ne, false),
                        "granularity none (no scale) applies only to fp8-e4m3, fp8-e5m2, fp6-e3m2, fp6-e2m3 and fp4-e2m1"),
                args(new FormatSpec("mxfp8", 8, true, Granularity.NONE, 0, ne, false), "granularity none"),
                args(FormatSpec.of("nvfp4", 4), "format 'nvfp4': granularity must be per-group"),
                args(new FormatSpec("nvfp4", 4, true, Granularity.PER_GROUP, 32, ne, false),
                        "group_size must be 16 (fixed by NVFP4)"),
                args(new FormatSpec("nvfp4", 8, true, Granularity.PER_GROUP, 16, ne, false), "bits must be 4"),
                args(new FormatSpec("fp4-e2m1", 4, true, Granularity.PER_GROUP, 0, ne, false),
                        "fp4-e2m1: per-group needs group_size >= 1"),
                args(new FormatSpec("int", 8, true, t, 64, ne, false), "group_size 64 applies only to per-group"),
                args(new FormatSpec("int", 8, true, Granularity.PER_GROUP, 0, ne, false), "group_size >= 1"),
                args(FormatSpec.of("int", 17), "bits must be in [1, 16]"),
                args(FormatSpec.of("codebook", 0), "bits must be in [1, 16]"));
    }

    static org.junit.jupiter.params.provider.Arguments args(FormatSpec spec, String reason) {
        return org.junit.jupiter.params.provider.Arguments.of(spec, reason);
    }
}
