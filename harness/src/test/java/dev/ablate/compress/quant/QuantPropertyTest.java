package dev.ablate.compress.quant;

import dev.ablate.compress.prune.MagnitudePruner;
import dev.ablate.compress.quant.format.FormatSpec;
import dev.ablate.compress.quant.format.TensorFormats;
import dev.ablate.models.ModelZoo;
import dev.ablate.nn.Network;
import dev.ablate.nn.Parameter;
import dev.ablate.spec.Granularity;
import dev.ablate.spec.ModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantPropertyTest {

    @ParameterizedTest(name = "{0} b{1}")
    @CsvSource({"SIGNED_SYMMETRIC,1", "SIGNED_SYMMETRIC,2", "SIGNED_SYMMETRIC,4", "SIGNED_SYMMETRIC,8",
            "SIGNED_SYMMETRIC,16", "SIGNED_SYMMETRIC_NARROW,2", "SIGNED_SYMMETRIC_NARROW,8", "UNSIGNED_AFFINE,1",
            "UNSIGNED_AFFINE,3", "UNSIGNED_AFFINE,8", "UNSIGNED_AFFINE,16"})
    void valuesOnGridErrorWithinHalfStepAndSaturationOutside(QuantScheme scheme, int bits) {
        float[] calib = TestTensors.gaussian(bits, 500, 1.0);
        MinMaxObserver obs = MinMaxObserver.perTensor(scheme, bits).observe(calib);
        QParams qp = obs.calculateQParams();
        IntRange range = obs.range();
        float scale = qp.scales()[0];
        int zp = qp.zeroPoints()[0];
        assertTrue(range.contains(zp), "zero point " + zp + " in " + range);

        float[] x = TestTensors.gaussian(100 + bits, 2000, 2.0); // wider than the calibration: some inputs saturate
        FakeQuantizer.Result r = FakeQuantizer.fakeQuantizeWithCodes(x, qp, range);
        float lo = (float) (range.min() - zp) * scale;
        float hi = (float) (range.max() - zp) * scale;
        for (int i = 0; i < x.length; i++) {
            int q = r.codes()[i];
            assertTrue(range.contains(q));
            assertEquals((float) (q - zp) * scale, r.output()[i], "on the grid");
            if (x[i] >= lo && x[i] <= hi) {
                // half a step, plus float32 rounding of x * (1/scale) and of (q - zp) * scale
                assertTrue(Math.abs(r.output()[i] - x[i]) <= scale * (0.5 + 1e-4) + 2 * Math.ulp(x[i]),
                        "x=" + x[i] + " out=" + r.output()[i] + " scale=" + scale);
            }
            if (x[i] > hi + scale) {
                assertEquals(hi, r.output()[i], "saturates at the top");
                assertEquals(0, r.mask()[i]);
            }
            if (x[i] < lo - scale) {
                assertEquals(lo, r.output()[i], "saturates at the bottom");
                assertEquals(0, r.mask()[i]);
            }
        }
        assertEquals(0f, FakeQuantizer.fakeQuantize(new float[] {0f}, qp, range)[0], "0 is exact");
    }

    @ParameterizedTest
    @EnumSource(QuantScheme.class)
    void perChannelBeatsPerTensorOnChannelsOfDifferentRanges(QuantScheme scheme) {
        int rows = 4, cols = 64;
        float[] w = TestTensors.gaussian(7, rows * cols, 1.0);
        float[] rowScale = {0.01f, 0.1f, 1f, 10f};
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] *= rowScale[r];
            }
        }
        int bits = 4;
        IntRange range = scheme.range(bits);
        float[] perTensor = FakeQuantizer.fakeQuantize(w,
                MinMaxObserver.perTensor(scheme, bits).observe(w).calculateQParams(), range);
        float[] perChannel = FakeQuantizer.fakeQuantize(w,
                MinMaxObserver.perChannel(scheme, bits, rows).observe(w).calculateQParams(), range);
        double eT = 0, eC = 0;
        for (int i = 0; i < w.length; i++) {
            eT += (perTensor[i] - w[i]) * (double) (perTensor[i] - w[i]);
            eC += (perChannel[i] - w[i]) * (double) (perChannel[i] - w[i]);
        }
        assertTrue(eC <= eT, "per-channel SSE " + eC + " > per-tensor SSE " + eT);
        // the small rows are all rounded to zero per tensor, but not per channel
        for (int c = 0; c < cols; c++) {
            assertEquals(0f, perTensor[c]);
        }
        assertTrue(eC < 0.9 * eT);
    }

    @Test
    void bitWidthsOutsideTheSchemeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> QuantScheme.SIGNED_SYMMETRIC.range(0));
        assertThrows(IllegalArgumentException.class, () -> QuantScheme.UNSIGNED_AFFINE.range(17));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantScheme.SIGNED_SYMMETRIC_NARROW.range(1));
        assertTrue(e.getMessage().contains("bits"), e.getMessage());
        assertEquals(new IntRange(-128, 127), QuantScheme.SIGNED_SYMMETRIC.range(8));
        assertEquals(new IntRange(-127, 127), QuantScheme.SIGNED_SYMMETRIC_NARROW.range(8));
        assertEquals(new IntRange(0, 65535), QuantScheme.UNSIGNED_AFFINE.range(16));
    }

    private static TensorFormat intFormat(int bits, boolean symmetric, Granularity g) {
        int group = g == Granularity.PER_GROUP ? 4 : 0;
        return TensorFormats.create(new FormatSpec("int", bits, symmetric, g, group, Rounding.NEAREST_EVEN, false), null);
    }

    private static Network mlp() {
        return ModelZoo.build(new ModelConfig("mlp", List.of(16, 8), "relu"), new int[] {12}, 3, 5);
    }

    @ParameterizedTest(name = "bits={0} symmetric={1} {2}")
    @CsvSource({"8,true,PER_TENSOR", "8,false,PER_CHANNEL", "4,true,PER_CHANNEL", "2,false,PER_TENSOR",
            "1,true,PER_TENSOR", "16,false,PER_CHANNEL"})
    void weightQuantizerQuantizesWeightsOnly(int bits, boolean symmetric, Granularity g) {
        Network net = mlp();
        Network before = net.copy();
        QuantizedNetwork qn = WeightQuantizer.quantize(net, layer -> intFormat(bits, symmetric, g), 0);
        QuantScheme scheme = symmetric ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
        assertEquals(List.of("fc1", "fc2", "fc3"), qn.layers().stream().map(LayerQuantStats::layer).toList());
        for (Parameter p : net.parameters()) {
            assertArrayEquals(before.parameter(p.name()).data(), p.data(), "input network unchanged");
            Parameter q = qn.network().parameter(p.name());
            if (!p.prunable()) {
                assertArrayEquals(p.data(), q.data(), "bias stays fp32");
                continue;
            }
            int channels = g == Granularity.PER_CHANNEL ? p.shape()[0] : 1;
            QParams qp = (channels == 1 ? MinMaxObserver.perTensor(scheme, bits)
                    : MinMaxObserver.perChannel(scheme, bits, channels)).observe(p.data()).calculateQParams();
            assertArrayEquals(FakeQuantizer.fakeQuantize(p.data(), qp, scheme.range(bits)), q.data(), p.name());
            LayerQuantStats s = qn.layers().stream().filter(l -> l.parameter().equals(p.name())).findFirst().orElseThrow();
            assertEquals(bits, s.report().elementBits());
            float min = Float.MAX_VALUE, max = 0;
            for (float v : qp.scales()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(min, s.report().scaleMin());
            assertEquals(max, s.report().scaleMax());
        }
    }

    @Test
    void quantizingAPrunedNetworkKeepsZerosAndMasks() {
        Network pruned = MagnitudePruner.pruneGlobal(mlp(), 0.7);
        for (Granularity g : List.of(Granularity.PER_TENSOR, Granularity.PER_CHANNEL, Granularity.PER_GROUP)) {
            for (boolean symmetric : new boolean[] {true, false}) {
                Network q = WeightQuantizer.quantize(pruned, layer -> intFormat(3, symmetric, g), 0).network();
                for (Parameter p : pruned.parameters()) {
                    if (!p.prunable()) {
                        continue;
                    }
                    Parameter qp = q.parameter(p.name());
                    assertArrayEquals(p.mask(), qp.mask(), "mask kept on the copy");
                    for (int i = 0; i < p.size(); i++) {
                        if (p.mask()[i] == 0f) {
                            assertEquals(0f, qp.data()[i], p.name() + "[" + i + "]");
                        }
                    }
                }
            }
        }
    }
}
