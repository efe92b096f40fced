package dev.ablate.compress.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Selects the lowest-scoring entries over one or more score arrays taken as one concatenation: the ranking
 * step every criterion, scope and structure shares. Scores may be infinite ({@code -∞} marks an entry that is
 * already pruned, {@code +∞} one that must survive) but not NaN. Ties go to the lower flat index (it is
 * pruned first), which makes the selection deterministic.
 */
final class ScoreRanking {

    private ScoreRanking() {
    }

    /**
     * @param scores one array per tensor (or per layer of units)
     * @param prune  how many entries to prune, at most the total length
     * @return one 0/1 mask per array: 0 for the {@code prune} lowest scores over all of them
     * @throws IllegalArgumentException if a score is NaN, there are too many entries or {@code prune} is out of
     *                                  range
     */
    static List<float[]> masks(List<float[]> scores, long prune) {
        long total = scores.stream().mapToLong(s -> s.length).sum();
        if (total > Integer.MAX_VALUE || prune < 0 || prune > total) {
            throw new IllegalArgumentException("cannot prune " + prune + " of " + total + " entries");
        }
        // sort key: order-preserving int of the float score in the high word, flat index in the low word
        long[] keys = new long[(int) total];
        int flat = 0;
        for (float[] s : scores) {
            for (float v : s) {
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("NaN score at flat index " + flat);
                }
                int bits = Float.floatToIntBits(v == 0f ? 0f : v);
                keys[flat] = ((long) (bits ^ ((bits >> 31) & 0x7fffffff)) << 32) | flat;
                flat++;
            }
        }
        Arrays.sort(keys);
        int[] pruned = new int[(int) prune];
        for (int i = 0; i < pruned.length; i++) {
            pruned[i] = (int) keys[i];
        }
        Arrays.sort(pruned);
        List<float[]> masks = new ArrayList<>(scores.size());
        int[] offsets = new int[scores.size() + 1];
        for (int t = 0; t < scores.size(); t++) {
            float[] m = new float[scores.get(t).length];
            Arrays.fill(m, 1f);
            masks.add(m);
            offsets[t + 1] = offsets[t] + m.length;
        }
        int t = 0;
        for (int idx : pruned) {
            while (idx >= offsets[t + 1]) {
                t++;
            }
            masks.get(t)[idx - offsets[t]] = 0f;
        }
        return masks;
    }
}
