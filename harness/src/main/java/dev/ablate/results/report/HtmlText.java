package dev.ablate.results.report;

import java.util.Locale;

/**
 * Text and numbers as they appear in a report: HTML-escaped, numbers with sensible digits and units. Public for its
 * {@link #escape}, which the notebook kernel's HTML displays share.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /** {@code s} with the five HTML-special characters escaped; "" for null. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A fraction as a percentage with {@code digits} decimals, "–" for NaN (never "-0.00"). */
    static String percent(double fraction, int digits) {
        if (Double.isNaN(fraction)) {
            return "–";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "f", 100 * fraction);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** A mean and its 95% interval as "mean ± half-width" in percent (the interval may be asymmetric: its half width). */
    static String percentWithInterval(double mean, double low, double high) {
        if (Double.isNaN(mean)) {
            return "–";
        }
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return percent(mean, 2);
        }
        return percent(mean, 2) + " ± " + percent((high - low) / 2, 2);
    }

    /** A byte count with a binary unit: 940 B, 12.3 KiB, 1.5 MiB. */
    static String bytes(double bytes) {
        if (Double.isNaN(bytes)) {
            return "–";
        }
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * A number for a table: whole numbers from 1,000 up with thousands separators (counts, BOPs, picojoules), smaller
     * ones with four significant digits, tiny ones in scientific notation; "–" for NaN.
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (Double.isInfinite(v) || a >= 1e15) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return a < 1e-3 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
