package dev.ablate.compress.prune;

/**
 * A unit's score from the scores of its weights: the Lp norm {@code (Σ |s|^p)^(1/p)} over the unit's row,
 * as {@code torch.nn.utils.prune.ln_structured} ranks channels (for non-negative scores and p = 1 it is their
 * sum, which is how Taylor and random scores add up over a unit). Entries scored {@code -∞} (already pruned)
 * are left out; a unit whose entries all are is itself {@code -∞}.
 */
final class UnitScores {

    private UnitScores() {
    }

    /**
     * @param scores row-major scores of a tensor with {@code rows} units (its first dimension)
     * @param norm   p, 1 or 2
     * @return one score per row
     */
    static float[] of(float[] scores, int rows, int norm) {
        if (norm != 1 && norm != 2) {
            throw new IllegalArgumentException("unit norm must be 1 or 2, got " + norm);
        }
        int rowLength = scores.length / rows;
        float[] units = new float[rows];
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            boolean any = false;
            for (int i = r * rowLength; i < (r + 1) * rowLength; i++) {
                float s = scores[i];
                if (s != Float.NEGATIVE_INFINITY) {
                    any = true;
                    acc += norm == 1 ? Math.abs(s) : (double) s * s;
                }
            }
            units[r] = !any ? Float.NEGATIVE_INFINITY : (float) (norm == 1 ? acc : Math.sqrt(acc));
        }
        return units;
    }
}
