package dev.ablate.compress.quant;

import dev.ablate.compress.quant.format.IntFormat;
import dev.ablate.spec.Granularity;

/** Integer min-max formats for tests, built as trials build them ({@link IntFormat}, nearest-even rounding). */
public final class IntFormats {

    private IntFormats() {
    }

    /** {@code bits}-bit integers in {@code scheme}, one scale per tensor or per output channel. */
    public static TensorFormat of(QuantScheme scheme, int bits, boolean perChannel) {
        return new IntFormat(scheme, bits, perChannel ? Granularity.PER_CHANNEL : Granularity.PER_TENSOR, 0,
                Rounding.NEAREST_EVEN, false, null);
    }

    /** Signed symmetric, one scale per tensor. */
    public static TensorFormat perTensor(int bits) {
        return of(QuantScheme.SIGNED_SYMMETRIC, bits, false);
    }

    /** Signed symmetric, one scale per output channel (torch.ao's default for weights). */
    public static TensorFormat perChannel(int bits) {
        return of(QuantScheme.SIGNED_SYMMETRIC, bits, true);
    }
}
