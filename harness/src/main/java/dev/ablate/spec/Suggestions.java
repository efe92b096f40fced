package dev.ablate.spec;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean …?" hints for misspelt keys and values, by edit distance. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * A hint naming the candidate closest to {@code given}, or an empty string when none is close enough
     * (edit distance at most a third of the longer word, and at least 2 allowed).
     */
    static String didYouMean(String given, Collection<String> candidates) {
        String best = closest(given, candidates);
        if (best == null) {
            return "";
        }
        int allowed = Math.max(2, Math.max(given.length(), best.length()) / 3);
        return distance(given, best) <= allowed ? hint(best) : "";
    }

    /**
     * Like {@link #didYouMean}, for dotted config paths: a candidate ending in the same key as {@code given}
     * wins over one that is merely a few characters closer ({@code compress.quantise.bits} →
     * {@code compress.quantize.weights.bits}).
     */
    static String didYouMeanPath(String given, Collection<String> paths) {
        String leaf = given.substring(given.lastIndexOf('.') + 1);
        String best = closest(given, paths.stream().filter(p -> p.endsWith("." + leaf) || p.equals(leaf)).toList());
        if (best != null && distance(given, best) <= Math.max(given.length(), best.length()) / 2) {
            return hint(best);
        }
        return didYouMean(given, paths);
    }

    private static String closest(String given, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt((String c) -> distance(given, c))).orElse(null);
    }

    private static String hint(String suggestion) {
        return " (did you mean '" + suggestion + "'?)";
    }

    /** Damerau–Levenshtein (optimal string alignment) distance, so a swapped pair counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
