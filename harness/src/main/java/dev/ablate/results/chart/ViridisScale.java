package dev.ablate.results.chart;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import java.util.List;
import org.jfree.chart.renderer.PaintScale;

/**
 * The viridis sequential colour scale from dark purple (lower bound) to yellow (upper bound): perceptually
 * uniform, readable in grey-scale print and by readers with colour-vision deficiencies (van der Walt & Smith,
 * matplotlib, 2015). Values outside the bounds get the end colours.
 */
final class ViridisScale implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;

    // viridis at 9 equally spaced positions (viridisLite::viridis(9)); linear in RGB between them
    private static final List<Color> STOPS = List.of(new Color(0x440154), new Color(0x472D7B), new Color(0x3B528B),
            new Color(0x2C728E), new Color(0x21908C), new Color(0x27AD81), new Color(0x5DC863), new Color(0xAADC32),
            new Color(0xFDE725));

    private final double lower;
    private final double upper;

    /**
     * @throws IllegalArgumentException unless {@code lower < upper}, both finite
     */
    ViridisScale(double lower, double upper) {
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower < upper)) {
            throw new IllegalArgumentException("bounds must be finite with lower < upper, got [" + lower + ", "
                    + upper + "]");
        }
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        double t = Math.min(1, Math.max(0, (value - lower) / (upper - lower)));
        double position = t * (STOPS.size() - 1);
        int i = Math.min((int) position, STOPS.size() - 2);
        double f = position - i;
        Color a = STOPS.get(i);
        Color b = STOPS.get(i + 1);
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
