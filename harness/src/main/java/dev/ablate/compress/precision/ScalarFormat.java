package dev.ablate.compress.precision;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.format.ElementFormat;
import dev.ablate.compress.quant.format.FixedPointFormat;
import dev.ablate.compress.quant.format.FloatFormat;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The number format one kind of tensor is kept in during low-precision training, value by value: float32 itself
 * (no cast), a minifloat ({@link FloatFormat}, whose rounding the shared reference vectors govern) or fixed point
 * ({@link FixedPointFormat}). Implementations are immutable; stochastic rounding draws from the generator passed
 * in.
 */
public sealed interface ScalarFormat {

    /** Float32, the format that needs no cast. */
    ScalarFormat FP32 = new Fp32();

    /** The spellings {@link #parse} accepts besides {@code fixed<word,frac>}. */
    List<String> FLOAT_NAMES = Arrays.stream(TrainingFormat.values()).filter(f -> f != TrainingFormat.FIXED)
            .map(TrainingFormat::specName).toList();

    /** The spec spelling, e.g. {@code fp32}, {@code fp8-e5m2}, {@code fixed<16,8>}. */
    String name();

    /** Whether casting changes nothing (float32): callers may skip the work. */
    boolean identity();

    /**
     * The nearest value of the format to {@code x} ({@link Rounding#NEAREST_EVEN}) or one of its two neighbours
     * drawn without bias ({@link Rounding#STOCHASTIC}, using {@code rng}); out-of-range values saturate or become
     * ±Inf as the format does.
     */
    float round(float x, Rounding rounding, SplittableRandom rng);

    /**
     * Whether casting {@code x} leaves the finite range: {@code x} is ±Inf or NaN, or beyond the largest value so
     * that the cast gives ±Inf or a saturated value. This is what loss scaling counts as an overflow.
     */
    boolean overflows(float x);

    /** Rounds {@code values[from, to)} in place, in index order (so stochastic draws are reproducible). */
    default void round(float[] values, int from, int to, Rounding rounding, SplittableRandom rng) {
        if (identity()) {
            return;
        }
        for (int i = from; i < to; i++) {
            values[i] = round(values[i], rounding, rng);
        }
    }

    /**
     * The format a spec spelling names: one of {@link #FLOAT_NAMES} or {@code fixed<word,frac>}.
     *
     * @throws IllegalArgumentException quoting the spelling and listing the valid ones
     */
    static ScalarFormat parse(String spelling) {
        Objects.requireNonNull(spelling, "spelling");
        return TrainingFormat.parse(spelling);
    }

    /** Float32: every cast is the identity ({@link #FP32}). */
    record Fp32() implements ScalarFormat {

        @Override
        public String name() {
            return "fp32";
        }

        @Override
        public boolean identity() {
            return true;
        }

        @Override
        public float round(float x, Rounding rounding, SplittableRandom rng) {
            return x;
        }

        @Override
        public boolean overflows(float x) {
            return !Float.isFinite(x);
        }
    }

    /**
     * A minifloat or fixed point, rounded by {@link ElementFormat#round(float)} or
     * {@link ElementFormat#round(float, SplittableRandom)}.
     *
     * @param format the element format
     */
    record Rounded(ElementFormat format) implements ScalarFormat {

        /** Checks the format is present. */
        public Rounded {
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String name() {
            return format.name();
        }

        @Override
        public boolean identity() {
            return false;
        }

        @Override
        public float round(float x, Rounding rounding, SplittableRandom rng) {
            return rounding == Rounding.STOCHASTIC ? format.round(x, rng) : format.round(x);
        }

        @Override
        public boolean overflows(float x) {
            return !Float.isFinite(x) || format.overflows(x);
        }
    }
}
