package dev.ablate.compress.quant.format;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two's-complement fixed point {@code fixed<word,frac>} (Gupta et al. 2015, "Deep Learning with Limited
 * Numerical Precision"): {@code word} bits of which {@code frac} are fractional, so the values are the integers
 * {@code [-2^(word-1), 2^(word-1) - 1]} times the step {@code 2^-frac}. Rounding saturates: values beyond the
 * range (±Inf included) become its nearest end, and zero is always {@code +0}. NaN has no code and stays NaN, so a diverged value is still
 * seen downstream.
 *
 * <p>Values are simulated in float32. Every value of a format with {@code word <= 24} is exact there; wider
 * words may need more than float32's 24 significant bits, and such a value is rounded once more, to the
 * nearest float32 (ties to even).
 *
 * @param word total bits including the sign, 2 to 32
 * @param frac fractional bits, {@code 0 <= frac < word}
 */
public record FixedPointFormat(int word, int frac) implements ElementFormat {

    private static final Pattern SPELLING = Pattern.compile("fixed<\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*>");

    /**
     * Checks the widths.
     *
     * @throws IllegalArgumentException if {@code word} is outside 2..32 or {@code frac} outside {@code [0, word)}
     */
    public FixedPointFormat {
        if (word < 2 || word > 32) {
            throw new IllegalArgumentException("fixed<" + word + "," + frac + ">: word must be 2 to 32 bits, got "
                    + word);
        }
        if (frac < 0 || frac >= word) {
            throw new IllegalArgumentException("fixed<" + word + "," + frac + ">: frac must be at least 0 and below"
                    + " word (" + word + "), got " + frac);
        }
    }

    /**
     * Parses the spec spelling {@code fixed<word,frac>}, e.g. {@code fixed<16,8>} (spaces after the comma
     * allowed).
     *
     * @throws IllegalArgumentException quoting the text if it is not of that form or the widths are out of range
     */
    public static FixedPointFormat parse(String spelling) {
        Matcher m = SPELLING.matcher(spelling.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spelling + "' is not a fixed-point format: expected"
                    + " fixed<word,frac>, e.g. fixed<16,8>");
        }
        try {
            return new FixedPointFormat(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spelling + "': widths out of range", e);
        }
    }

    /** The spec spelling, e.g. {@code fixed<16,8>}. */
    public String name() {
        return "fixed<" + word + "," + frac + ">";
    }

    /** The distance between neighbouring values, {@code 2^-frac}. */
    public double step() {
        return Math.scalb(1.0, -frac);
    }

    /** The most negative value, {@code -2^(word-1-frac)}. */
    public double min() {
        return -Math.scalb(1.0, word - 1 - frac);
    }

    /** The largest value, {@code (2^(word-1) - 1) · 2^-frac}. */
    public double max() {
        return (Math.scalb(1.0, word - 1) - 1) * step();
    }

    /** Rounds {@code x} to the nearest value, ties to the even integer code, saturating; NaN stays NaN. */
    public float round(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        return fromCode(Math.rint(scaled(x)));
    }

    /**
     * Rounds {@code x} stochastically: up to the next value with probability equal to the distance from the
     * lower one in units of the step, else down, so the result is unbiased inside the range. Values already on
     * the grid come back unchanged. Values outside {@code [min(), max()]} and NaN follow {@link #round(float)}
     * without a draw; every other value draws exactly one {@code nextDouble()}.
     */
    public float round(float x, SplittableRandom rng) {
        if (!(x >= min() && x <= max())) {
            return round(x);
        }
        double s = scaled(x);
        double lower = Math.floor(s);
        return fromCode(rng.nextDouble() < s - lower ? lower + 1 : lower);
    }

    /** Whether {@code x} lies outside {@code [min(), max()]}, so that rounding saturates it (false for NaN). */
    @Override
    public boolean overflows(float x) {
        return x < min() || x > max();
    }

    /** {@code x · 2^frac}: exact in double for every float (a power-of-two scaling within double's range). */
    private double scaled(float x) {
        return Math.scalb((double) x, frac);
    }

    private float fromCode(double code) {
        double clamped = Math.max(-Math.scalb(1.0, word - 1), Math.min(Math.scalb(1.0, word - 1) - 1, code));
        // two's complement has a single zero: + 0.0 turns a -0 code (rint(-0.3)) into +0
        return (float) Math.scalb(clamped, -frac) + 0f;
    }
}
