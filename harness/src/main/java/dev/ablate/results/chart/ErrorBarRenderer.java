package dev.ablate.results.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;

/**
 * Vertical error bars with caps, each one {@link ChartElement#BAND}: the interval of a point whose neighbours
 * have none, where a band would have no width. No lines, no markers and no legend items.
 */
final class ErrorBarRenderer extends XYErrorRenderer {
    private static final long serialVersionUID = 1L;

    ErrorBarRenderer() {
        setDefaultLinesVisible(false);
        setDefaultShapesVisible(false);
        setDrawXError(false);
        setCapLength(10);
        setErrorStroke(PaperStyle.LINE);
        setDefaultSeriesVisibleInLegend(false);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        boolean bar = pass == 0; // XYErrorRenderer draws the bars in the first pass
        if (bar) {
            ChartElement.BAND.begin(g2, null);
        }
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
        if (bar) {
            ChartElement.BAND.end(g2);
        }
    }
}
