package dev.ablate.results.chart;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * A Pareto front: one line through the step vertices of its series, drawn as one path inside one
 * {@link ChartElement#FRONT}; no markers (the points underneath have them).
 */
final class FrontRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;

    FrontRenderer() {
        super(true, false);
        setDrawSeriesLineAsPath(true);
        setSeriesPaint(0, PaperStyle.FRONT);
        setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_MITER));
    }

    @Override
    protected void drawFirstPassShape(Graphics2D g2, int pass, int series, int item, Shape shape) {
        ChartElement.FRONT.begin(g2, null);
        super.drawFirstPassShape(g2, pass, series, item, shape);
        ChartElement.FRONT.end(g2);
    }
}
