package dev.ablate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Quality metrics against hand-computed values. */
class QualityMetricsTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");
    private static final Set<String> ALL = Set.of("accuracy", "macro_f1", "nll", "ece");

    @Test
    void accuracyAndMacroF1MatchAHandComputedConfusionMatrix() {
        // true: a a a b b c ; predicted: a a b b c c
        int[] labels = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2};
        float[] logits = new float[labels.length * 3];
        for (int i = 0; i < labels.length; i++) {
            logits[i * 3 + predicted[i]] = 5f;
        }
        Quality q = QualityMetrics.evaluate(logits, labels, CLASSES, ALL);
        assertEquals(4.0 / 6, q.accuracy(), 1e-12);
        // per class F1: a: p=1, r=2/3 -> 0.8; b: p=1/2, r=1/2 -> 0.5; c: p=1/2, r=1 -> 2/3
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, q.macroF1(), 1e-12);
    }

    @Test
    void nllAndEceHaveTheirClosedForms() {
        // two examples, uniform logits over 3 classes: p = 1/3 everywhere, argmax = class 0
        float[] logits = new float[6];
        int[] labels = {0, 1};
        Quality q = QualityMetrics.evaluate(logits, labels, CLASSES, ALL);
        assertEquals(Math.log(3), q.nll(), 1e-9);
        // one bin with confidence 1/3 and accuracy 1/2: ECE = |1/2 - 1/3|
        assertEquals(0.5 - 1.0 / 3, q.ece(), 1e-9);
        // large logits stay finite
        float[] confident = {1000f, 0f, 0f, 0f, 1000f, 0f};
        Quality c = QualityMetrics.evaluate(confident, labels, CLASSES, ALL);
        assertEquals(0.0, c.nll(), 1e-9);
        assertEquals(0.0, c.ece(), 1e-9);
    }

    @Test
    void unrequestedMetricsAreNullAndBadShapesRejected() {
        Quality q = QualityMetrics.evaluate(new float[3], new int[] {0}, CLASSES, Set.of("accuracy"));
        assertNull(q.macroF1());
        assertNull(q.nll());
        assertThrows(IllegalArgumentException.class, () -> QualityMetrics.evaluate(new float[4], new int[] {0}, CLASSES, ALL));
        assertThrows(IllegalArgumentException.class, () -> QualityMetrics.evaluate(new float[3], new int[] {3}, CLASSES, ALL));
    }
}
