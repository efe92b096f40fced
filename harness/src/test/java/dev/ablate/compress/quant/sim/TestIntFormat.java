package dev.ablate.compress.quant.sim;

import dev.ablate.compress.quant.FakeQuantizer;
import dev.ablate.compress.quant.MinMaxObserver;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.QuantizationReport;
import dev.ablate.compress.quant.TensorFormat;

import java.util.SplittableRandom;

/** Test double: an {@code int} format from a {@link MinMaxObserver} and the {@link FakeQuantizer}. */
record TestIntFormat(QuantScheme scheme, int bits, boolean perChannel) implements TensorFormat {

    /** Signed symmetric per-channel weights, torch.ao's default for weights. */
    static TestIntFormat perChannel(int bits) {
        return new TestIntFormat(QuantScheme.SIGNED_SYMMETRIC, bits, true);
    }

    @Override
    public String name() {
        return "int";
    }

    @Override
    public QuantizationReport quantize(float[] x, int[] shape, float[] out, byte[] steMask, SplittableRandom rng) {
        MinMaxObserver observer = perChannel ? MinMaxObserver.perChannel(scheme, bits, shape[0])
                : MinMaxObserver.perTensor(scheme, bits);
        QParams qp = observer.observe(x).calculateQParams();
        FakeQuantizer.Result r = FakeQuantizer.fakeQuantizeWithCodes(x, qp, observer.range());
        System.arraycopy(r.output(), 0, out, 0, x.length);
        long clipped = 0;
        for (int i = 0; i < x.length; i++) {
            clipped += 1 - r.mask()[i];
            if (steMask != null) {
                steMask[i] = r.mask()[i];
            }
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float s : qp.scales()) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        return new QuantizationReport(bits, 32L * qp.channelCount(), clipped, lo, hi, qp);
    }
}
