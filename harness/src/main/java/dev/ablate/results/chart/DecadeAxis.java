package dev.ablate.results.chart;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 logarithmic axis with plain-text tick labels: "10⁴" at the decades, and "2×10⁴", "5×10⁴" (or every
 * mantissa) in between when the axis is short in decades, so that even a range inside one decade has labelled
 * ticks. It labels as densely as the labels fit, skipping decades on a very long range; unlabelled ticks at
 * 2…9 × 10ᵏ carry the minor grid lines. {@link LogAxis} itself draws its labels as attributed strings, which
 * JFreeSVG turns into glyph outlines instead of text, and leaves a range inside one decade without ticks.
 */
final class DecadeAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    // the mantissas to label between decades, densest first
    private static final List<List<Integer>> MANTISSAS = List.of(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), List.of(1, 2, 5),
            List.of(1));
    private static final int[] DECADE_STEPS = {1, 2, 3, 5, 10, 20, 50, 100};
    private static final double LABEL_GAP = 10; // px between neighbouring labels
    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    DecadeAxis(String label) {
        super(label);
    }

    @Override
    public List<ValueTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        int first = (int) Math.floor(Math.log10(getLowerBound()));
        int last = (int) Math.ceil(Math.log10(getUpperBound()));
        FontMetrics metrics = g2.getFontMetrics(getTickLabelFont());
        for (int step : DECADE_STEPS) {
            for (List<Integer> mantissas : step == 1 ? MANTISSAS : List.of(List.of(1))) {
                List<ValueTick> ticks = ticks(first, last, step, mantissas, edge);
                if (labelsFit(ticks, metrics, dataArea, edge)) {
                    return ticks;
                }
            }
        }
        return ticks(first, last, DECADE_STEPS[DECADE_STEPS.length - 1], List.of(1), edge);
    }

    /** Ticks at m × 10ᵏ in range: labelled at every {@code step}-th decade and, between them, at {@code mantissas}. */
    private List<ValueTick> ticks(int first, int last, int step, List<Integer> mantissas, RectangleEdge edge) {
        TextAnchor anchor; // the label's point nearest the axis
        if (edge == RectangleEdge.TOP) {
            anchor = TextAnchor.BOTTOM_CENTER;
        } else if (edge == RectangleEdge.BOTTOM) {
            anchor = TextAnchor.TOP_CENTER;
        } else if (edge == RectangleEdge.LEFT) {
            anchor = TextAnchor.CENTER_RIGHT;
        } else {
            anchor = TextAnchor.CENTER_LEFT;
        }
        List<ValueTick> ticks = new ArrayList<>();
        for (int k = first; k <= last; k++) {
            boolean labelledDecade = Math.floorMod(k, step) == 0;
            for (int m = 1; m <= 9 && (m == 1 || step == 1); m++) {
                double value = m * Math.pow(10, k);
                if (!getRange().contains(value)) {
                    continue;
                }
                boolean labelled = labelledDecade && mantissas.contains(m);
                String text = labelled ? label(m, k) : null;
                TickType type = m == 1 && labelledDecade ? TickType.MAJOR : TickType.MINOR;
                ticks.add(new NumberTick(type, value, text, anchor, anchor, 0.0));
            }
        }
        return ticks;
    }

    private boolean labelsFit(List<ValueTick> ticks, FontMetrics metrics, Rectangle2D dataArea, RectangleEdge edge) {
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        ValueTick previous = null;
        for (ValueTick tick : ticks) {
            if (tick.getText() == null) {
                continue;
            }
            if (previous != null) {
                double distance = Math.abs(valueToJava2D(tick.getValue(), dataArea, edge)
                        - valueToJava2D(previous.getValue(), dataArea, edge));
                double needed = horizontal
                        ? (metrics.stringWidth(previous.getText()) + metrics.stringWidth(tick.getText())) / 2.0
                        : metrics.getHeight();
                if (distance < needed + LABEL_GAP) {
                    return false;
                }
            }
            previous = tick;
        }
        return true;
    }

    /** "10⁴" for m = 1, else "m×10⁴". */
    static String label(int mantissa, int exponent) {
        StringBuilder text = new StringBuilder();
        if (mantissa != 1) {
            text.append(mantissa).append('×');
        }
        text.append("10");
        for (char c : Integer.toString(exponent).toCharArray()) {
            text.append(c == '-' ? '⁻' : SUPERSCRIPT_DIGITS.charAt(c - '0'));
        }
        return text.toString();
    }
}
