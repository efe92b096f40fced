package dev.ablate.compress.precision;

import dev.ablate.compress.quant.format.FixedPointFormat;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.spec.Descriptor;
import java.util.Arrays;

/**
 * The number formats of low-precision training as a spec names them ({@code train.precision.weights},
 * {@code activations}, {@code gradients}): float32, the minifloats, and the fixed-point family
 * {@code fixed<word,frac>}.
 */
public enum TrainingFormat implements Descriptor {
    /** Float32: no cast. */
    FP32("fp32", "float32: no cast (the default)"),
    /** IEEE half precision. */
    FP16("fp16", "IEEE 754 half precision (E5M10)"),
    /** bfloat16. */
    BF16("bf16", "bfloat16 (E8M7)"),
    /** OCP fp8 E4M3. */
    FP8_E4M3("fp8-e4m3", "OCP fp8 E4M3 (max 448, saturating)"),
    /** OCP fp8 E5M2. */
    FP8_E5M2("fp8-e5m2", "OCP fp8 E5M2 (max 57344)"),
    /** Signed fixed point of a word length and fraction bits. */
    FIXED("fixed<word,frac>", "signed two's-complement fixed point: word bits in all, frac of them after the point, "
            + "saturating (Gupta et al. 2015)") {
        @Override
        public String pattern() {
            return "fixed<[0-9]{1,2},[0-9]{1,2}>";
        }
    };

    private final String specName;
    private final String description;

    TrainingFormat(String specName, String description) {
        this.specName = specName;
        this.description = description;
    }

    @Override
    public String specName() {
        return specName;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * The format a spec spelling names.
     *
     * @throws IllegalArgumentException quoting the spelling and listing the valid ones
     */
    static ScalarFormat parse(String spelling) {
        if (spelling.startsWith("fixed")) {
            return new ScalarFormat.Rounded(FixedPointFormat.parse(spelling));
        }
        TrainingFormat format = Arrays.stream(values()).filter(f -> f != FIXED && f.specName.equals(spelling))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown precision format '" + spelling
                        + "' (valid: " + String.join(", ", Arrays.stream(values()).map(TrainingFormat::specName)
                        .toList()) + ")"));
        return format == FP32 ? ScalarFormat.FP32 : new ScalarFormat.Rounded(FloatFormat.named(format.specName));
    }
}
